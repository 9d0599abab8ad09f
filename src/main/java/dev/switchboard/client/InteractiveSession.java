package dev.switchboard.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The client on a terminal: line editing, history in a file, tab completion of the protocol's
 * words. Request-reply protocols wait for the answer before prompting again; chat prints
 * everyone's lines above the prompt as they arrive, leaving the half-typed line alone.
 * Ctrl+C clears the line; Ctrl+D says the protocol's goodbye and leaves.
 */
final class InteractiveSession {
    private final Terminal terminal;
    private final ServerLink link;
    private final Dialect<?> dialect;
    private final String address;
    private final long timeoutMillis;
    private final Path historyFile;
    private final CountDownLatch closed = new CountDownLatch(1);
    private LineReader reader;

    InteractiveSession(Terminal terminal, ServerLink link, Dialect<?> dialect, String address,
                       long timeoutMillis, Path historyFile) {
        this.terminal = terminal;
        this.link = link;
        this.dialect = dialect;
        this.address = address;
        this.timeoutMillis = timeoutMillis;
        this.historyFile = historyFile;
    }

    LineReader reader() {
        if (reader == null) {
            reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("switchboard")
                    .completer(new WordCompleter(dialect.words()))
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    // "!" in chat text ("hi!") must stay text, not a history reference.
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
        }
        return reader;
    }

    int run() throws IOException, InterruptedException {
        LineReader lines = reader();
        boolean chat = dialect instanceof ChatDialect;
        if (chat) {
            startPrinter();
        } else if (dialect.greets()) {
            Integer status = await(Request.send(new byte[0], 1, false));
            if (status != null) {
                return status;
            }
        }
        String prompt = dialect.protocol() + " " + address + "> ";
        while (true) {
            String line;
            try {
                line = lines.readLine(prompt);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return leave(dialect.goodbye());
            }
            if (closed.getCount() == 0) {
                return 1;
            }
            Request request;
            try {
                request = dialect.request(line);
            } catch (UsageError e) {
                print(Reply.error(e.getMessage()));
                continue;
            }
            if (request == null) {
                continue;
            }
            if (request.isLocal()) {
                print(Reply.ok(request.localAnswer()));
                continue;
            }
            if (request.endsSession()) {
                return leave(request);
            }
            link.send(request.bytes());
            if (!chat) {
                Integer status = await(request);
                if (status != null) {
                    return status;
                }
            }
        }
    }

    /** Sends a goodbye and waits for its answer and the close. */
    private int leave(Request goodbye) throws IOException, InterruptedException {
        try {
            link.send(goodbye.bytes());
        } catch (IOException e) {
            return 0;
        }
        if (dialect instanceof ChatDialect) {
            closed.await(timeoutMillis, TimeUnit.MILLISECONDS);
            return 0;
        }
        Integer status = await(goodbye);
        return status == null ? 0 : status;
    }

    /** Prints the replies to {@code request}; a non-null result means the session is over. */
    private Integer await(Request request) throws InterruptedException {
        for (int i = 0; i < request.replies() || request.endsSession(); i++) {
            Reply reply = link.next(timeoutMillis);
            if (reply == null) {
                print(Reply.error("no reply within " + timeoutMillis / 1000.0 + " s"));
                return 1;
            }
            if (reply == Reply.CLOSED) {
                if (request.endsSession() && i >= request.replies()) {
                    return 0;
                }
                print(reply);
                return 1;
            }
            print(reply);
        }
        return null;
    }

    private void startPrinter() {
        Thread printer = new Thread(() -> {
            try {
                while (true) {
                    Reply reply = link.take();
                    reader.printAbove(styled(reply));
                    if (reply == Reply.CLOSED) {
                        closed.countDown();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "switchboard-client-printer");
        printer.setDaemon(true);
        printer.start();
    }

    private void print(Reply reply) {
        PrintWriter writer = terminal.writer();
        writer.println(styled(reply).toAnsi(terminal));
        writer.flush();
    }

    private static AttributedString styled(Reply reply) {
        return reply.error()
                ? new AttributedString(reply.text(), AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold())
                : new AttributedString(reply.text());
    }
}
