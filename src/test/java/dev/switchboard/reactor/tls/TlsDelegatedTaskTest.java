package dev.switchboard.reactor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestCerts;
import dev.switchboard.kit.TestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a delegated task that never ends costs the loop one watchdog round (the hand-over
 * itself is timed in LoopHandOverTest) and then nobody else anything, and its
 * connection is closed by the handshake deadline.
 */
class TlsDelegatedTaskTest {
    private static final long FRAME_TIMEOUT_MILLIS = 4_000;
    private final CountDownLatch gate = new CountDownLatch(1);
    private TlsLoop loop;

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        if (loop != null) {
            loop.close();
        }
    }

    /** Starts a handshake on the stuck listener; completes with how long until the server closed it. */
    private CompletableFuture<Long> stuckHandshake() {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try (SSLSocket s = TestCerts.connect(loop.port("odd+tls"))) {
                s.setSoTimeout(30_000);
                s.startHandshake();
                s.getInputStream().read();
                throw new AssertionError("the handshake finished although its task never returned");
            } catch (IOException closed) {
                return System.nanoTime() - start;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void echoesOver(TestClient c, String text) throws IOException {
        c.send(text + "\n");
        assertEquals(text, c.readLine());
    }

    /** TLS and plaintext clients are served from start to answer; fails on any delay past a second each. */
    private void othersAreServed(int rounds) throws Exception {
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            try (TestClient tls = loop.connectTls("echo+tls");
                    TestClient plain = loop.connect("echo")) {
                echoesOver(tls, "over tls " + i);
                echoesOver(plain, "in clear " + i);
            }
            long took = System.nanoTime() - start;
            assertTrue(took < TimeUnit.SECONDS.toNanos(1), "a TLS and a plaintext round trip took " + took + " ns");
        }
    }

    @Test
    void aTaskThatNeverReturnsIsClosedByTheHandshakeDeadlineWhileOthersAreServed() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        loop = new TlsLoop(FRAME_TIMEOUT_MILLIS, e -> new StuckTaskEngine(e, gate, entered));
        try (TestClient warm = loop.connectTls("echo+tls")) {
            // The JVM's first handshake loads the JDK's TLS classes: not what is measured here.
            echoesOver(warm, "warm");
        }
        CompletableFuture<Long> stuck = stuckHandshake();
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the stuck task began");
        threadsBecome(1, 2);
        othersAreServed(5);
        assertFalse(stuck.isDone(), "the stuck connection was still waiting while the others were served");
        long closedAfter = stuck.get(30, TimeUnit.SECONDS);
        assertTrue(
                closedAfter >= TimeUnit.MILLISECONDS.toNanos(FRAME_TIMEOUT_MILLIS - 500)
                        && closedAfter < TimeUnit.MILLISECONDS.toNanos(FRAME_TIMEOUT_MILLIS + 5_000),
                "closed by the handshake deadline, after " + closedAfter + " ns");
        loop.awaitConnections(0, Duration.ofSeconds(10));
        othersAreServed(2);
    }

    @Test
    void severalStuckTasksEachCostAThreadAndStillLeaveHandshakesGoing() throws Exception {
        int stuckCount = 3;
        CountDownLatch entered = new CountDownLatch(stuckCount);
        loop = new TlsLoop(FRAME_TIMEOUT_MILLIS * 2, e -> new StuckTaskEngine(e, gate, entered));
        try (TestClient warm = loop.connectTls("echo+tls")) {
            echoesOver(warm, "warm");
        }
        List<CompletableFuture<Long>> stuck = new ArrayList<>();
        for (int i = 0; i < stuckCount; i++) {
            stuck.add(stuckHandshake());
        }
        // Each stuck task keeps the thread it began on; the watchdog gives the loop to a new one.
        assertTrue(entered.await(10, TimeUnit.SECONDS), "every stuck task began");
        threadsBecome(stuckCount, stuckCount + 1);
        othersAreServed(3);
        for (CompletableFuture<Long> s : stuck) {
            assertFalse(s.isDone(), "a stuck connection was still waiting while the others were served");
        }
        assertEquals(stuckCount, loop.stuckThreads(), "threads left with a stuck task");
        assertEquals(stuckCount + 1, loop.loopThreads(), "live loop threads: the stuck ones and the loop's");
    }

    @Test
    void onceStuckTasksReturnTheirThreadsEnd() throws Exception {
        int stuckCount = 3;
        CountDownLatch entered = new CountDownLatch(stuckCount);
        loop = new TlsLoop(FRAME_TIMEOUT_MILLIS * 2, e -> new StuckTaskEngine(e, gate, entered));
        List<CompletableFuture<Long>> stuck = new ArrayList<>();
        for (int i = 0; i < stuckCount; i++) {
            stuck.add(stuckHandshake());
        }
        assertTrue(entered.await(10, TimeUnit.SECONDS), "every stuck task began");
        // The last one began on the loop's thread: the watchdog gives the loop away within 500 ms.
        threadsBecome(stuckCount, stuckCount + 1);
        gate.countDown();
        threadsBecome(0, 1);
        othersAreServed(2);
    }

    private void threadsBecome(int stuck, int alive) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (loop.stuckThreads() != stuck || loop.loopThreads() != alive) {
            assertTrue(
                    System.nanoTime() < deadline,
                    loop.stuckThreads() + " threads stuck, " + loop.loopThreads() + " loop threads alive; expected "
                            + stuck + " and " + alive);
            Thread.sleep(20);
        }
    }
}
