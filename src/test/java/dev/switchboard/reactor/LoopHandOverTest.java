package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A watched step that overruns has the loop handed to a new thread; the stuck thread leaves the
 * loop when its step returns, and the loop runs on one thread at a time throughout.
 */
class LoopHandOverTest {
    private final List<CountDownLatch> gates = new ArrayList<>();
    private EventLoop loop;
    private CompletableFuture<Void> ran;

    private void start() throws Exception {
        loop = new EventLoop(new Limits(1024, 1024, 10, 0, 0));
        ran = CompletableFuture.runAsync(() -> {
            try {
                loop.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        gates.forEach(CountDownLatch::countDown);
        if (loop != null) {
            loop.shutdown(0);
            ran.get(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code task} on the loop; the thread it ran on. */
    private Thread onLoop(Runnable task) throws Exception {
        CompletableFuture<Thread> where = new CompletableFuture<>();
        loop.execute(() -> {
            task.run();
            where.complete(Thread.currentThread());
        });
        return where.get(10, TimeUnit.SECONDS);
    }

    /** A step that runs {@code work}, then completes {@code then} with the thread it went on on. */
    private static WatchedStep step(Runnable work, CompletableFuture<Thread> then) {
        return new WatchedStep() {
            @Override
            public void run() {
                work.run();
            }

            @Override
            public void then() {
                then.complete(Thread.currentThread());
            }
        };
    }

    private static WatchedStep step(Runnable work) {
        return step(work, new CompletableFuture<>());
    }

    /** Queues a step that waits for its own gate; returns once it has begun. */
    private CountDownLatch stuckStep() throws Exception {
        return stuckStep(new CompletableFuture<>());
    }

    private CountDownLatch stuckStep(CompletableFuture<Thread> then) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch began = new CountDownLatch(1);
        gates.add(gate);
        loop.execute(() -> loop.runWatched(step(
                () -> {
                    began.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                then)));
        assertTrue(began.await(10, TimeUnit.SECONDS), "the step began");
        return gate;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(10);
        }
    }

    @Test
    void aStepThatReturnsInTimeIsFollowedAtOnceOnItsThread() throws Exception {
        start();
        Thread before = onLoop(() -> {});
        List<String> order = new ArrayList<>();
        CompletableFuture<Thread> then = new CompletableFuture<>();
        CompletableFuture<Thread> secondThen = new CompletableFuture<>();
        WatchedStep first = new WatchedStep() {
            @Override
            public void run() {
                order.add("step");
            }

            @Override
            public void then() {
                order.add("then");
                then.complete(Thread.currentThread());
            }
        };
        onLoop(() -> {
            loop.runWatched(first);
            loop.runWatched(step(() -> order.add("second step"), secondThen));
        });
        assertSame(before, then.get(10, TimeUnit.SECONDS));
        assertSame(before, secondThen.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("step", "then", "second step"), order, "each step is followed at once");
        assertEquals(1, loop.threadsAlive());
        assertEquals(0, loop.stuckThreads());
    }

    @Test
    void aStuckStepHasANewThreadServeTheLoopWithinOneAndAHalfSeconds() throws Exception {
        start();
        Thread first = onLoop(() -> {});
        long start = System.nanoTime();
        CompletableFuture<Thread> then = new CompletableFuture<>();
        CountDownLatch gate = stuckStep(then);
        Thread next = onLoop(() -> {});
        long took = System.nanoTime() - start;
        assertNotEquals(first, next, "the loop went on on another thread");
        assertSame(next, loop.thread());
        assertTrue(took < TimeUnit.MILLISECONDS.toNanos(1_500), "the loop was given away after " + took + " ns");
        assertEquals(1, loop.stuckThreads());
        assertEquals(2, loop.threadsAlive());
        assertFalse(then.isDone(), "what follows the step waits for it");
        gate.countDown();
        assertSame(next, then.get(10, TimeUnit.SECONDS), "what follows the step ran on the loop's new thread");
        await("the stuck thread ended", () -> loop.stuckThreads() == 0 && loop.threadsAlive() == 1);
        assertFalse(first.isAlive());
        assertSame(next, onLoop(() -> {}), "the loop stays with the new thread");
    }

    @Test
    void aShutdownEndsTheLoopWhileAStepIsStillStuck() throws Exception {
        start();
        stuckStep();
        onLoop(() -> {});
        loop.shutdown(0);
        ran.get(10, TimeUnit.SECONDS);
        assertEquals(1, loop.stuckThreads(), "the stuck thread is still in its step");
        loop = null;
    }

    @Test
    void aStepThatThrowsIsLoggedAndTheLoopGoesOnOnItsThread() throws Exception {
        start();
        Thread first = onLoop(() -> {});
        CompletableFuture<Thread> then = new CompletableFuture<>();
        onLoop(() -> loop.runWatched(step(
                () -> {
                    throw new IllegalStateException("a step's bug");
                },
                then)));
        assertSame(first, then.get(10, TimeUnit.SECONDS), "what follows a failed step still runs");
        assertSame(first, onLoop(() -> {}));
        assertEquals(0, loop.stuckThreads());
    }

    @Test
    void pastTheLimitOfStuckThreadsTheLoopWaitsForTheStep() throws Exception {
        start();
        for (int i = 0; i < WatchedSteps.MAX_STUCK; i++) {
            stuckStep();
            onLoop(() -> {});
        }
        assertEquals(WatchedSteps.MAX_STUCK, loop.stuckThreads());
        CountDownLatch last = stuckStep();
        CompletableFuture<Thread> where = new CompletableFuture<>();
        loop.execute(() -> where.complete(Thread.currentThread()));
        assertThrows(TimeoutException.class, () -> where.get(1_500, TimeUnit.MILLISECONDS), "the loop waited");
        Thread waiting = loop.thread();
        last.countDown();
        assertSame(waiting, where.get(10, TimeUnit.SECONDS), "the loop went on on the thread that waited");
        assertEquals(WatchedSteps.MAX_STUCK, loop.stuckThreads());
    }
}
