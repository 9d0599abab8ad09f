package dev.switchboard.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The client driven by a script (one command per input line) or by its own command line (a
 * one-shot command, perhaps repeated): each reply on its own output line. Exit status 0 when
 * everything was answered, 1 after a server error reply (the remaining lines are still sent),
 * 3 when the connection failed or a reply did not come in time.
 */
final class ScriptedSession {
    private final ServerLink link;
    private final Dialect<?> dialect;
    private final long timeoutMillis;
    private final PrintStream out;
    private final PrintStream err;
    private boolean serverError;
    private boolean greeted;

    ScriptedSession(ServerLink link, Dialect<?> dialect, long timeoutMillis, PrintStream out, PrintStream err) {
        this.link = link;
        this.dialect = dialect;
        this.timeoutMillis = timeoutMillis;
        this.out = out;
        this.err = err;
    }

    int run(BufferedReader in) throws IOException, InterruptedException {
        Integer status = greeting();
        if (status != null) {
            return status;
        }
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            status = handle(line, "line " + number + ": ");
            if (status != null) {
                return status;
            }
        }
        return done();
    }

    /** {@code switchboard client -P frame5 rev hello [-r COUNT -i SECONDS]}. */
    int runOnce(String line, long repeat, long intervalMillis) throws IOException, InterruptedException {
        Integer status = greeting();
        if (status != null) {
            return status;
        }
        for (long i = 0; repeat < 0 || i < repeat; i++) {
            if (i > 0 && intervalMillis > 0) {
                out.flush();
                // The pause the user asked for between repeats (-i), not a wait for the server.
                Thread.sleep(intervalMillis);
            }
            status = handle(line, "");
            if (status != null) {
                return status;
            }
        }
        return done();
    }

    private Integer greeting() throws InterruptedException {
        if (dialect.greets() && !greeted) {
            greeted = true;
            // The greeting is not a reply to anything the script sent: read it, do not print it.
            Reply greeting = link.next(timeoutMillis);
            if (greeting == null || greeting.closed()) {
                return fail(greeting == null ? noReply() : greeting.text());
            }
        }
        return null;
    }

    private Integer handle(String line, String where) throws InterruptedException {
        Request request;
        try {
            request = dialect.request(line);
        } catch (UsageError e) {
            err.println("switchboard: " + where + e.getMessage());
            serverError = true;
            return null;
        }
        if (request == null) {
            return null;
        }
        if (request.isLocal()) {
            out.println(request.localAnswer());
            return null;
        }
        try {
            link.send(request.bytes());
        } catch (IOException e) {
            return fail(link.ended() ? "connection closed by server" : "connection lost: " + e.getMessage());
        }
        return awaitReplies(line, request);
    }

    private int done() {
        out.flush();
        return serverError ? ExitStatus.ERROR_REPLY : ExitStatus.OK;
    }

    /** Prints replies until {@code request} is answered; a non-null result ends the session. */
    private Integer awaitReplies(String line, Request request) throws InterruptedException {
        int answered = 0;
        while (answered < request.replies() || request.endsSession()) {
            Reply reply = link.next(timeoutMillis);
            if (reply == null) {
                return fail(noReply());
            }
            if (reply.closed()) {
                if (request.endsSession() && answered >= request.replies()) {
                    return done();
                }
                return fail(reply.text());
            }
            out.println(reply.text());
            serverError |= reply.error();
            if (dialect.answers(line, reply)) {
                answered++;
            }
        }
        return null;
    }

    private String noReply() {
        return "no reply within " + timeoutMillis / 1000.0 + " s";
    }

    private int fail(String why) {
        out.flush();
        err.println("switchboard: " + why);
        return ExitStatus.CONNECTION;
    }
}
