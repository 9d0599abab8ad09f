package dev.switchboard.protocol.chat.redis;

import dev.switchboard.protocol.chat.Accounts;
import dev.switchboard.protocol.chat.ChatNames;
import dev.switchboard.protocol.chat.PasswordHash;
import dev.switchboard.protocol.chat.PasswordWorker;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Registered names in Redis ({@code accounts}: lower-case name to "Name HASH", the same salted
 * PBKDF2 hashes as the local file), with a copy here so lookups answer at once. Hashing runs
 * on one thread with a bounded queue, as for the local accounts; a new registration is stored
 * by the command worker and announced to every node, and the reply waits until Redis has it
 * (so "registered" means every node will know). While Redis is away a /register fails and a
 * /login still works from the copy.
 */
final class RedisAccounts implements Accounts {
    private final CommandWorker worker;
    private final Jobs jobs;
    private final PasswordWorker hasher;
    /** Lower-case name to the account; loop thread only. */
    private Map<String, Account> accounts = new HashMap<>();

    private record Account(String name, String hash) {}

    RedisAccounts(int iterations, Executor loop, CommandWorker worker, Jobs jobs) {
        this.worker = worker;
        this.jobs = jobs;
        this.hasher = new PasswordWorker(iterations, loop);
    }

    @Override
    public String registeredAs(String name) {
        Account a = accounts.get(ChatNames.key(name));
        return a == null ? null : a.name;
    }

    @Override
    public void register(String name, String password, Consumer<Outcome> done) {
        hasher.hash(password, done, hash -> store(name, hash, done));
    }

    private void store(String name, String hash, Consumer<Outcome> done) {
        String key = ChatNames.key(name);
        boolean queued = worker.offer(jobs.account(key, name, hash, stored -> {
            if (stored) {
                accounts.put(key, new Account(name, hash));
            }
            done.accept(stored ? Outcome.OK : Outcome.FAILED);
        }));
        if (!queued) {
            done.accept(Outcome.FAILED);
        }
    }

    @Override
    public void verify(String name, String password, Consumer<Outcome> done) {
        Account account = accounts.get(ChatNames.key(name));
        if (account == null) {
            done.accept(Outcome.WRONG);
            return;
        }
        hasher.verify(password, account.hash, done);
    }

    /** Another node registered a name (or this one: the same again). Loop thread. */
    void learned(String name, String hash) {
        if (ChatNames.nameProblem(name) == null && PasswordHash.isWellFormed(hash)) {
            accounts.put(ChatNames.key(name), new Account(name, hash));
        }
    }

    /** What Redis holds, on connecting: added to what this node knows (it uploads the rest). Loop thread. */
    void merge(Map<String, String> stored) {
        Map<String, Account> merged = new HashMap<>(accounts);
        merged.putAll(parse(stored));
        accounts = merged;
    }

    /** Everything Redis holds, after this node uploaded what it knew. Loop thread. */
    void replaceAll(Map<String, String> stored) {
        accounts = parse(stored);
    }

    private static Map<String, Account> parse(Map<String, String> stored) {
        Map<String, Account> fresh = new HashMap<>();
        for (String value : stored.values()) {
            int space = value.indexOf(' ');
            String name = space < 0 ? "" : value.substring(0, space);
            String hash = space < 0 ? "" : value.substring(space + 1);
            if (ChatNames.nameProblem(name) == null && PasswordHash.isWellFormed(hash)) {
                fresh.put(ChatNames.key(name), new Account(name, hash));
            } else {
                Logger.warn("chat backplane: an account in Redis is not NAME HASH; ignored");
            }
        }
        return fresh;
    }

    /** Lower-case name to "Name HASH", as stored in Redis. Loop thread. */
    Map<String, String> snapshot() {
        Map<String, String> out = new HashMap<>();
        accounts.forEach((key, a) -> out.put(key, a.name + " " + a.hash));
        return out;
    }

    void close() {
        hasher.close();
    }
}
