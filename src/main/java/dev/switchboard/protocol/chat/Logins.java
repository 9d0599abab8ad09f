package dev.switchboard.protocol.chat;

import org.tinylog.Logger;

/**
 * {@code /register PASSWORD} and {@code /login NAME PASSWORD}. The hash runs off the loop
 * ({@link Accounts}); a wrong password's reply is held back on a loop timer
 * ({@link LoginThrottle}), so the guesser waits and nobody else does. One at a time per client.
 * Passwords are never logged and never repeated in a reply.
 */
final class Logins {
    /** Far above any passphrase; keeps one line from costing more than one hash's worth. */
    static final int MAX_PASSWORD_CHARS = 1024;

    private final Chat chat;
    private final Accounts accounts;
    private final LoginThrottle throttle = new LoginThrottle();

    Logins(Chat chat, Accounts accounts) {
        this.chat = chat;
        this.accounts = accounts;
    }

    void register(Member m, String password) {
        if (password.isEmpty()) {
            m.send("! usage: /register PASSWORD");
            return;
        }
        if (refused(m, password)) {
            return;
        }
        String name = m.name;
        if (accounts.registeredAs(name) != null && !m.owns(name)) {
            m.send("! " + name + " is registered");
            return;
        }
        m.authenticating = true;
        accounts.register(name, password, outcome -> {
            m.authenticating = false;
            if (outcome == Accounts.Outcome.OK) {
                m.owned.add(ChatNames.key(name));
                if (m.session.mayLogInfo()) {
                    Logger.info("{} registered {}", m.session.logName(), name);
                }
            }
            reply(
                    m,
                    switch (outcome) {
                        case OK -> "* " + name + " is now registered";
                        case BUSY -> busy();
                        default -> "! " + name
                                + " could not be registered (the server could not save it); try again later";
                    });
        });
    }

    void login(Member m, String argument) {
        int blank = ChatCommands.indexOfBlank(argument);
        String name = blank < 0 ? argument : argument.substring(0, blank);
        String password = blank < 0 ? "" : argument.substring(blank + 1).strip();
        if (name.isEmpty() || password.isEmpty()) {
            m.send("! usage: /login NAME PASSWORD");
            return;
        }
        String problem = ChatNames.nameProblem(name);
        if (problem != null) {
            m.send("! " + problem);
            return;
        }
        if (refused(m, password)) {
            return;
        }
        String registered = accounts.registeredAs(name);
        if (registered == null) {
            m.send("! " + name + " is not registered; take it with /nick " + name);
            return;
        }
        String address = address(m.session.remote());
        long startedAt = chat.loop().nanoTime();
        m.authenticating = true;
        accounts.verify(registered, password, outcome -> {
            if (outcome == Accounts.Outcome.OK) {
                m.authenticating = false;
                throttle.succeeded(registered, address);
                loggedIn(m, registered);
            } else if (outcome == Accounts.Outcome.WRONG) {
                long now = chat.loop().nanoTime();
                long delay = throttle.failed(registered, address, now);
                if (m.session.mayLogInfo()) {
                    Logger.info("{} wrong password for {}", m.session.logName(), registered);
                }
                long wait = Math.max(0, startedAt + delay - now);
                chat.loop().schedule(wait, () -> {
                    m.authenticating = false;
                    reply(m, "! wrong password for " + registered);
                });
            } else {
                m.authenticating = false;
                reply(m, outcome == Accounts.Outcome.BUSY ? busy() : "! /login failed on the server; try again");
            }
        });
    }

    private boolean refused(Member m, String password) {
        if (m.authenticating) {
            m.send("! wait for the answer to your last /login or /register");
            return true;
        }
        if (password.length() > MAX_PASSWORD_CHARS) {
            m.send("! a password is at most " + MAX_PASSWORD_CHARS + " characters");
            return true;
        }
        return false;
    }

    /** The right password: the name is theirs, even if another connection of theirs held it. */
    private void loggedIn(Member m, String name) {
        if (m.gone) {
            return;
        }
        m.owned.add(ChatNames.key(name));
        if (m.session.mayLogInfo()) {
            Logger.info("{} logged in as {}", m.session.logName(), name);
        }
        if (m.name.equals(name)) {
            m.send("* you are now " + name);
            return;
        }
        Member holder = chat.local(name);
        if (holder != null && holder != m) {
            // Most often the owner's own connection that died without a close; it must not keep the name.
            holder.send("! " + name + " logged in from another connection");
            chat.close(holder);
            holder.session.closeAfterFlush();
        }
        String refusal = chat.rename(m, name);
        if (refusal != null) {
            m.send("! " + refusal);
        }
    }

    private static void reply(Member m, String line) {
        if (!m.gone && m.session.isOpen()) {
            m.send(line);
        }
    }

    private static String busy() {
        return "! the server is busy checking passwords; try again in a few seconds";
    }

    /** The client's address without its port ({@code 10.0.0.1:5000}, {@code [::1]:5000}). */
    static String address(String remote) {
        int colon = remote.lastIndexOf(':');
        if (colon <= 0 || remote.indexOf(':') != colon && !remote.startsWith("[")) {
            return remote;
        }
        return remote.substring(0, colon);
    }
}
