package dev.switchboard.protocol.chat;

import dev.switchboard.protocol.chat.Accounts.Outcome;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * The one thread besides the loop that the accounts use (the local file's and Redis's alike):
 * a PBKDF2 hash at today's cost takes a quarter of a second, and the loop must answer every
 * other client meanwhile. One thread, not more, so logins cannot take both cores from the
 * loop; its queue is bounded, so a login flood gets BUSY instead of growing memory. The thread
 * stops when idle and starts on demand. Every outcome comes back through the loop's executor.
 */
public final class PasswordWorker {
    /** Jobs waiting behind the one being run: 32 × 0.23 s ≈ 7 s of work at most. */
    public static final int MAX_WAITING = 32;

    private final int iterations;
    private final Executor loop;
    private final ThreadPoolExecutor thread;

    public PasswordWorker(int iterations, Executor loop) {
        this.iterations = iterations;
        this.loop = loop;
        this.thread =
                new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_WAITING), task -> {
                    Thread t = new Thread(task, "switchboard-chat-hash");
                    t.setDaemon(true);
                    return t;
                });
        thread.allowCoreThreadTimeOut(true);
    }

    /** Hashes {@code password}, then hands the hash to {@code stored} on the loop. */
    public void hash(String password, Consumer<Outcome> done, Consumer<String> stored) {
        run(done, () -> {
            String hash = PasswordHash.hash(password, iterations);
            loop.execute(() -> stored.accept(hash));
        });
    }

    /** Checks {@code password} against {@code hash}; {@code done} hears OK or WRONG on the loop. */
    public void verify(String password, String hash, Consumer<Outcome> done) {
        run(done, () -> {
            boolean right = PasswordHash.matches(password, hash);
            loop.execute(() -> done.accept(right ? Outcome.OK : Outcome.WRONG));
        });
    }

    /** Runs {@code work} on the thread; {@code done} hears BUSY or FAILED if it cannot. */
    public void run(Consumer<Outcome> done, Runnable work) {
        try {
            thread.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    Logger.warn(e, "chat: hashing a password failed");
                    loop.execute(() -> done.accept(Outcome.FAILED));
                }
            });
        } catch (RejectedExecutionException e) {
            done.accept(Outcome.BUSY);
        }
    }

    public void close() {
        thread.shutdownNow();
    }
}
