package dev.switchboard.client;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;

/**
 * The client on a terminal: line editing, history in a file, tab completion and hints of the
 * protocol's words, a local {@code help}. A printer thread shows whatever the server sends as
 * it arrives (above the half-typed line); request-reply protocols wait for the answer before
 * prompting again. When the server goes away the prompt says so and the next command
 * reconnects (chat takes back its name and room). Ctrl+C clears the line; Ctrl+D, like the
 * protocol's goodbye word, leaves with a calm {@code bye}.
 */
final class InteractiveSession {
    private final Terminal terminal;
    private final Endpoint endpoint;
    private final Dialect<?> dialect;
    private final long timeoutMillis;
    private final Path historyFile;
    private final ChatState chat;
    private LineReader reader;
    /** The current connection; null while not connected. */
    private volatile ServerLink link;

    private volatile Awaited awaited;
    private volatile boolean leaving;
    private volatile String lastShown = "";

    InteractiveSession(Terminal terminal, Endpoint endpoint, Dialect<?> dialect, long timeoutMillis, Path historyFile) {
        this.terminal = terminal;
        this.endpoint = endpoint;
        this.dialect = dialect;
        this.timeoutMillis = timeoutMillis;
        this.historyFile = historyFile;
        this.chat = dialect instanceof ChatDialect ? new ChatState() : null;
    }

    LineReader reader() throws IOException {
        if (reader == null) {
            reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("switchboard")
                    .completer(new WordCompleter(dialect.words(), ChatState.argumentsOf(chat)))
                    .parser(new Hints.FirstWordParser())
                    .variable(LineReader.HISTORY_FILE, History.privateFile(historyFile))
                    // A password typed with /login or /register never reaches the history file.
                    .variable(LineReader.HISTORY_IGNORE, "/login *:/register *:/LOGIN *:/REGISTER *")
                    // "!" in chat text ("hi!") must stay text, not a history reference.
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            Hints.enable(reader, dialect.words());
        }
        return reader;
    }

    /** Runs the session on {@code first}, the connection already made; returns the exit status. */
    int run(ServerLink first) throws IOException, InterruptedException {
        LineReader lines = reader();
        show(new AttributedString(
                "Connected to " + dialect.protocol() + " " + endpoint.address()
                        + (endpoint.tls() != null ? " over TLS" : "")
                        + ". Tab completes, help lists the commands, Ctrl+D quits.",
                Styles.CALM));
        if (!attach(first)) {
            detach(first, "connection closed by server before its greeting");
        }
        while (true) {
            String line;
            try {
                line = lines.readLine(prompt());
            } catch (UserInterruptException e) {
                // Ctrl+C: the hint of the abandoned line must not linger at the next prompt.
                if (reader instanceof LineReaderImpl impl) {
                    impl.setTailTip("");
                }
                continue;
            } catch (EndOfFileException e) {
                return leave(dialect.goodbye());
            }
            if (line.strip().equals("help")) {
                show(new AttributedString(dialect.help()));
                continue;
            }
            Request request;
            try {
                request = dialect.request(line);
            } catch (UsageError e) {
                show(new AttributedString(e.getMessage(), Styles.ERROR));
                continue;
            }
            if (request == null) {
                continue;
            }
            if (request.isLocal()) {
                show(new AttributedString(request.localAnswer()));
                continue;
            }
            if (request.endsSession()) {
                return leave(request);
            }
            if (link == null && !reconnect()) {
                continue;
            }
            send(line, request);
        }
    }

    private String prompt() {
        return Styles.prompt(dialect.protocol(), endpoint.address(), link != null)
                .toAnsi(terminal);
    }

    /** Sends one typed request and, outside chat, waits for its answer. */
    private void send(String line, Request request) throws InterruptedException {
        Awaited answer = chat == null ? new Awaited(r -> dialect.answers(line, r), request.replies()) : null;
        awaited = answer;
        if (chat != null) {
            chat.sending(line);
        }
        ServerLink current = link;
        if (!sent(current, request.bytes())) {
            // The server left before we noticed: nothing was answered, so one retry is safe.
            detach(current, null);
            if (!reconnect()) {
                return;
            }
            awaited = answer;
            ServerLink again = link;
            if (!sent(again, request.bytes())) {
                detach(again, "connection lost while sending");
                return;
            }
        }
        if (answer != null) {
            wait(answer);
        }
    }

    private static boolean sent(ServerLink to, byte[] bytes) {
        if (to == null) {
            return false;
        }
        try {
            to.send(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void wait(Awaited answer) throws InterruptedException {
        if (!answer.await(timeoutMillis)) {
            show(new AttributedString("no reply within " + timeoutMillis / 1000.0 + " s", Styles.ERROR));
        }
        awaited = null;
    }

    /** Connects again after the server went away; chat takes back its name and room. */
    private boolean reconnect() throws InterruptedException {
        String name = chat != null ? chat.name() : null;
        String room = chat != null ? chat.room() : null;
        ServerLink fresh;
        try {
            fresh = endpoint.open(dialect);
        } catch (ConnectFailure e) {
            show(new AttributedString(e.getMessage(), Styles.ERROR));
            return false;
        }
        show(new AttributedString("reconnected to " + endpoint.address(), Styles.CALM));
        if (!attach(fresh)) {
            return false;
        }
        if (chat != null) {
            chat.reconnected();
            if (name != null && !name.equalsIgnoreCase(chat.name())) {
                rejoin("/nick " + name);
            }
            if (room != null && !room.equalsIgnoreCase("#lobby")) {
                rejoin("/join " + room);
            }
        }
        return link != null;
    }

    private void rejoin(String command) throws InterruptedException {
        Awaited answer = new Awaited(r -> dialect.answers(command, r), 1);
        awaited = answer;
        if (sent(link, TextDialects.line(command))) {
            wait(answer);
        }
        awaited = null;
    }

    /** Makes {@code fresh} the connection and starts showing what it says; waits for a greeting. */
    private boolean attach(ServerLink fresh) throws InterruptedException {
        Awaited greeting = dialect.greets() ? new Awaited(r -> true, 1) : null;
        awaited = greeting;
        link = fresh;
        Thread printer = new Thread(() -> print(fresh), "switchboard-client-printer");
        printer.setDaemon(true);
        printer.start();
        if (greeting != null) {
            wait(greeting);
        }
        return link == fresh;
    }

    /** The printer thread: shows each reply of {@code from}, then its close. */
    private void print(ServerLink from) {
        try {
            while (true) {
                Reply reply = from.take();
                if (reply.closed()) {
                    detach(from, leaving ? null : reply.text());
                    return;
                }
                Awaited waiting = awaited;
                boolean own = chat != null && chat.learn(reply.text());
                if (!own) {
                    show(Styles.reply(reply, chat != null));
                }
                if (waiting != null && waiting.answeredBy(reply)) {
                    waiting.countDown();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code from} is over: says why (in red, unless null), and the prompt says not connected. */
    private synchronized void detach(ServerLink from, String why) {
        if (from == null || link != from) {
            return;
        }
        link = null;
        try {
            from.close();
        } catch (IOException e) {
            // It is already gone; closing is only tidying.
        }
        if (reader instanceof LineReaderImpl impl) {
            impl.setPrompt(prompt());
        }
        if (why != null) {
            show(new AttributedString(why, Styles.ERROR));
        }
        Awaited waiting = awaited;
        if (waiting != null) {
            waiting.release();
        }
    }

    /** A goodbye the user chose: send it, show the answer and the close, then a calm bye. */
    private int leave(Request goodbye) throws InterruptedException {
        leaving = true;
        ServerLink current = link;
        if (current != null) {
            Awaited closed = new Awaited(r -> false, 1);
            awaited = closed;
            try {
                current.send(goodbye.bytes());
                closed.await(timeoutMillis);
            } catch (IOException e) {
                // Already gone: leaving is what the user wanted anyway.
            }
            detach(current, null);
        }
        if (!lastShown.equals("bye")) {
            show(new AttributedString("bye", Styles.CALM));
        }
        return ExitStatus.OK;
    }

    private void show(AttributedString text) {
        lastShown = text.toString();
        if (reader != null) {
            reader.printAbove(text);
        } else {
            terminal.writer().println(text.toAnsi(terminal));
            terminal.writer().flush();
        }
    }
}
