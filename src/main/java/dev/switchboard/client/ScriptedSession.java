package dev.switchboard.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The client driven by a script: one command per input line, each reply on its own output
 * line. Exit status 0 when everything was answered, 1 on a connection failure, a timeout or a
 * server error reply (the remaining lines are still sent after an error reply).
 */
final class ScriptedSession {
    private final ServerLink link;
    private final Dialect<?> dialect;
    private final long timeoutMillis;
    private final PrintStream out;
    private final PrintStream err;
    private boolean serverError;

    ScriptedSession(ServerLink link, Dialect<?> dialect, long timeoutMillis, PrintStream out, PrintStream err) {
        this.link = link;
        this.dialect = dialect;
        this.timeoutMillis = timeoutMillis;
        this.out = out;
        this.err = err;
    }

    int run(BufferedReader in) throws IOException, InterruptedException {
        if (dialect.greets()) {
            // The greeting is not a reply to anything the script sent: read it, do not print it.
            Reply greeting = link.next(timeoutMillis);
            if (greeting == null || greeting == Reply.CLOSED) {
                return fail(greeting == null ? noReply() : Reply.CLOSED.text());
            }
        }
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            Request request;
            try {
                request = dialect.request(line);
            } catch (UsageError e) {
                err.println("switchboard: line " + number + ": " + e.getMessage());
                serverError = true;
                continue;
            }
            if (request == null) {
                continue;
            }
            if (request.isLocal()) {
                out.println(request.localAnswer());
                continue;
            }
            link.send(request.bytes());
            Integer status = awaitReplies(line, request);
            if (status != null) {
                return status;
            }
        }
        out.flush();
        return serverError ? 1 : 0;
    }

    /** Prints replies until {@code request} is answered; a non-null result ends the session. */
    private Integer awaitReplies(String line, Request request) throws InterruptedException {
        int answered = 0;
        while (answered < request.replies() || request.endsSession()) {
            Reply reply = link.next(timeoutMillis);
            if (reply == null) {
                return fail(noReply());
            }
            if (reply == Reply.CLOSED) {
                if (request.endsSession() && answered >= request.replies()) {
                    out.flush();
                    return serverError ? 1 : 0;
                }
                return fail(Reply.CLOSED.text());
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
        return 1;
    }
}
