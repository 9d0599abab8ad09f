package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins at the real cost (600,000 PBKDF2 rounds) never stall the loop: another client's
 * {@code /who} is answered quickly while they hash. With {@code -Dswitchboard.measure=true} it
 * runs 100 logins and prints the numbers for the README; in CI a smaller run under the same bound.
 */
class ChatLoginLoadTest {
    /** A hash takes ~0.25 s here; a loop that hashed would keep a /who waiting behind several. */
    private static final long MAX_PING_MILLIS = 500;

    @TempDir
    Path dataDir;

    @Test
    void otherClientsAreAnsweredPromptlyWhileLoginsHash() throws Exception {
        boolean measure = Boolean.getBoolean("switchboard.measure");
        int users = measure ? 10 : 6;
        int loginsEach = measure ? 10 : 2;
        try (ChatClients chat = new ChatClients(s -> s.withDataDir(dataDir).withHistoryLines(0))) {
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                TestClient c = chat.connect();
                c.send("/nick user-" + i + "\n/register pw-" + i + "\n");
                clients.add(c);
            }
            for (int i = 0; i < users; i++) {
                String want = "* user-" + i + " is now registered";
                String line;
                while (!(line = clients.get(i).readLine()).equals(want)) {
                    assertTrue(line.startsWith("* "), line);
                }
            }
            TestClient pinger = chat.connect();
            for (TestClient c : clients) {
                assertTrue(c.readLine().endsWith(" joined"));
            }
            long[] single = new long[5];
            for (int k = 0; k < single.length; k++) {
                long start = System.nanoTime();
                clients.get(0).send("/login user-0 pw-0\n");
                assertEquals("* you are now user-0", clients.get(0).readLine());
                single[k] = System.nanoTime() - start;
            }
            Arrays.sort(single);

            AtomicBoolean done = new AtomicBoolean();
            List<Long> pingNanos = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicReference<Throwable> pingFailure = new AtomicReference<>();
            Thread pingThread = new Thread(
                    () -> {
                        try {
                            while (!done.get()) {
                                long start = System.nanoTime();
                                pinger.send("/who\n");
                                String reply = pinger.readLine();
                                if (!reply.startsWith("* online: ")) {
                                    throw new AssertionError(reply);
                                }
                                pingNanos.add(System.nanoTime() - start);
                                Thread.sleep(5); // Pace the probe: it measures the loop, it must not load it.
                            }
                        } catch (Throwable t) {
                            pingFailure.set(t);
                        }
                    },
                    "ping");
            List<Thread> loginThreads = new ArrayList<>();
            AtomicReference<Throwable> loginFailure = new AtomicReference<>();
            long started = System.nanoTime();
            pingThread.start();
            for (int i = 0; i < users; i++) {
                int user = i;
                Thread t = new Thread(
                        () -> {
                            try {
                                for (int j = 0; j < loginsEach; j++) {
                                    clients.get(user).send("/login user-" + user + " pw-" + user + "\n");
                                    String reply = clients.get(user).readLine();
                                    if (!reply.equals("* you are now user-" + user)) {
                                        throw new AssertionError(reply);
                                    }
                                }
                            } catch (Throwable e) {
                                loginFailure.set(e);
                            }
                        },
                        "login-" + i);
                loginThreads.add(t);
                t.start();
            }
            for (Thread t : loginThreads) {
                t.join(120_000);
            }
            long tookNanos = System.nanoTime() - started;
            done.set(true);
            pingThread.join(15_000);
            assertEquals(null, loginFailure.get());
            assertEquals(null, pingFailure.get());
            long[] sorted =
                    pingNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            long worst = sorted[sorted.length - 1] / 1_000_000;
            System.out.printf(
                    "chat login: one /login %d ms (median of %d, min %d); %d logins by %d clients"
                            + " in %d ms; /who replies meanwhile: median %.2f ms, p99 %.2f ms, worst %d ms"
                            + " over %d pings; load average %s%n",
                    single[single.length / 2] / 1_000_000,
                    single.length,
                    single[0] / 1_000_000,
                    users * loginsEach,
                    users,
                    tookNanos / 1_000_000,
                    sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6,
                    worst,
                    sorted.length,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            assertTrue(sorted.length > 10, "the probe ran: " + sorted.length);
            assertTrue(worst < MAX_PING_MILLIS, "a /who waited " + worst + " ms while logins hashed");
        }
    }
}
