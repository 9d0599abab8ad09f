package dev.switchboard.protocol.chat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Registered names kept in a file under --data-dir, hashed on one worker thread: the one place
 * the daemon works off its loop, because a PBKDF2 hash at today's cost takes a quarter of a
 * second and the loop must answer every other client meanwhile. One thread, not more, so
 * logins cannot take both cores from the loop; its queue is bounded, so a login flood gets
 * "busy" replies instead of growing memory. The thread stops when idle and starts on demand.
 */
public final class LocalAccounts implements Accounts {
    /** Hashes waiting behind the one being computed: 32 × 0.23 s ≈ 7 s of work at most. */
    static final int MAX_WAITING = 32;

    private final AccountFile file;
    private final int iterations;
    private final Executor loop;
    private final ThreadPoolExecutor worker;
    /** Lower-case name to the account; loop thread only. */
    private final Map<String, Account> accounts = new HashMap<>();
    /** False when the file exists but could not be read: saving would lose its names. */
    private final boolean writable;

    private record Account(String name, String hash) {}

    /** Reads the file now (start-up, before the loop runs); {@code loop} takes the outcomes. */
    public LocalAccounts(Path dataDir, int iterations, Executor loop) {
        this.file = new AccountFile(dataDir);
        this.iterations = iterations;
        this.loop = loop;
        this.worker =
                new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_WAITING), task -> {
                    Thread t = new Thread(task, "switchboard-chat-hash");
                    t.setDaemon(true);
                    return t;
                });
        worker.allowCoreThreadTimeOut(true);
        boolean readable = true;
        try {
            file.load().forEach((name, hash) -> accounts.put(ChatNames.key(name), new Account(name, hash)));
        } catch (IOException e) {
            Logger.warn(
                    "chat: cannot read registered names from {} ({}); /register is off until it can",
                    file.path(),
                    e.toString());
            readable = false;
        }
        this.writable = readable;
        if (!accounts.isEmpty()) {
            Logger.info("chat: {} registered names from {}", accounts.size(), file.path());
        }
    }

    @Override
    public String registeredAs(String name) {
        Account a = accounts.get(ChatNames.key(name));
        return a == null ? null : a.name;
    }

    @Override
    public void register(String name, String password, Consumer<Outcome> done) {
        if (!writable) {
            done.accept(Outcome.FAILED);
            return;
        }
        offWorker(done, () -> {
            String hash = PasswordHash.hash(password, iterations);
            loop.execute(() -> store(new Account(name, hash), done));
        });
    }

    /** On the loop: the new hash counts at once; the reply waits until the file is saved. */
    private void store(Account account, Consumer<Outcome> done) {
        String key = ChatNames.key(account.name);
        Account previous = accounts.put(key, account);
        Map<String, String> snapshot = new TreeMap<>();
        accounts.values().forEach(a -> snapshot.put(a.name, a.hash));
        Consumer<Outcome> undoIfNotOk = outcome -> {
            if (outcome != Outcome.OK && accounts.get(key) == account) {
                if (previous == null) {
                    accounts.remove(key);
                } else {
                    accounts.put(key, previous);
                }
            }
            done.accept(outcome);
        };
        offWorker(undoIfNotOk, () -> {
            try {
                file.save(snapshot);
                loop.execute(() -> undoIfNotOk.accept(Outcome.OK));
            } catch (IOException e) {
                Logger.warn("chat: cannot save registered names to {}: {}", file.path(), e.toString());
                loop.execute(() -> undoIfNotOk.accept(Outcome.FAILED));
            }
        });
    }

    @Override
    public void verify(String name, String password, Consumer<Outcome> done) {
        Account account = accounts.get(ChatNames.key(name));
        if (account == null) {
            done.accept(Outcome.WRONG);
            return;
        }
        offWorker(done, () -> {
            boolean right = PasswordHash.matches(password, account.hash);
            loop.execute(() -> done.accept(right ? Outcome.OK : Outcome.WRONG));
        });
    }

    /** Runs {@code work} on the hashing thread; {@code done} hears BUSY or FAILED if it cannot. */
    private void offWorker(Consumer<Outcome> done, Runnable work) {
        try {
            worker.execute(() -> {
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
}
