package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.app.ServeOptions;
import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A daemon and its chat clients, as {@code nc} users, closed together. */
final class ChatClients implements AutoCloseable {
    final TestDaemon daemon;
    private final List<TestClient> clients = new ArrayList<>();

    ChatClients(UnaryOperator<ChatSettings> chat) throws Exception {
        this(chat, o -> o);
    }

    ChatClients(UnaryOperator<ChatSettings> chat, UnaryOperator<ServeOptions> options) throws Exception {
        daemon = TestDaemon.start(o -> options.apply(o.with(b -> b.chat = chat.apply(b.chat))));
    }

    /** Connects and reads the welcome; returns the client (its guest name is in the welcome). */
    TestClient connect() throws Exception {
        TestClient c = daemon.connect("chat");
        clients.add(c);
        String welcome = c.readLine();
        assertTrue(welcome.startsWith("* welcome guest-"), welcome);
        return c;
    }

    /** Connects and takes {@code name}; {@code watchers} (in the lobby) see the join and the rename. */
    TestClient named(String name, TestClient... watchers) throws Exception {
        TestClient c = connect();
        c.send("/nick " + name + "\n");
        assertEquals("* you are now " + name, c.readLine());
        for (TestClient w : watchers) {
            assertTrue(w.readLine().endsWith(" joined"));
            assertTrue(w.readLine().endsWith(" is now " + name));
        }
        return c;
    }

    /** {@code c} joins {@code room} (spelled as the room already is) and is told so. */
    static void join(TestClient c, String room) throws IOException {
        c.send("/join " + room + "\n");
        assertEquals("* you are in " + room, c.readLine());
    }

    /** {@code c} says each line and gets it back as sent. */
    static void say(TestClient c, String... lines) throws IOException {
        for (String line : lines) {
            c.send(line + "\n");
            assertEquals(line, c.readLine());
        }
    }

    /** Throws IOException only, so try-with-resources does not have to expect an interrupt. */
    @Override
    public void close() throws IOException {
        for (TestClient c : clients) {
            c.close();
        }
        try {
            daemon.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("stopping the daemon failed", e);
        }
    }
}
