package dev.switchboard.protocol.chat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Registered names kept in a file under --data-dir, hashed (and the file written) on the
 * {@link PasswordWorker}'s one thread: the one place the daemon works off its loop.
 */
public final class LocalAccounts implements Accounts {
    private final AccountFile file;
    private final Executor loop;
    private final PasswordWorker worker;
    /** Lower-case name to the account; loop thread only. */
    private final Map<String, Account> accounts = new HashMap<>();
    /** False when the file exists but could not be read: saving would lose its names. */
    private final boolean writable;

    private record Account(String name, String hash) {}

    /** Reads the file now (start-up, before the loop runs); {@code loop} takes the outcomes. */
    public LocalAccounts(Path dataDir, int iterations, Executor loop) {
        this.file = new AccountFile(dataDir);
        this.loop = loop;
        this.worker = new PasswordWorker(iterations, loop);
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
        worker.hash(password, done, hash -> store(new Account(name, hash), done));
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
        worker.run(undoIfNotOk, () -> {
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
        worker.verify(password, account.hash, done);
    }
}
