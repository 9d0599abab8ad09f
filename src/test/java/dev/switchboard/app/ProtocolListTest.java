package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.Dialect;
import dev.switchboard.client.Reply;
import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.kit.SharedDaemon;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every protocol of the one list, served and spoken: what a sixth protocol gets tested by for free. */
class ProtocolListTest {
    @RegisterExtension
    static final SharedDaemon daemon = new SharedDaemon();

    static Stream<String> protocols() {
        return Protocols.names().stream();
    }

    static Stream<String> spokenByTheClient() {
        return Protocols.ALL.stream().filter(p -> p.dialect() != null).map(Protocols.Listener::name);
    }

    private static Protocols.Listener described(String name) {
        return Protocols.byName(name).orElseThrow();
    }

    @Test
    void theCommittedToolsTableIsTheOneTheListGenerates() throws Exception {
        String committed = Files.readString(Path.of("tools/protocols"), StandardCharsets.UTF_8);
        assertEquals(ProtocolTable.text(), committed, "stale: run tools/completion and commit tools/protocols");
    }

    @Test
    void namesAndPortsAreUnique() {
        assertEquals(Protocols.ALL.size(), new HashSet<>(Protocols.names()).size());
        assertEquals(
                Protocols.ALL.size(),
                Protocols.ALL.stream()
                        .map(Protocols.Listener::defaultPort)
                        .distinct()
                        .count());
    }

    @Test
    void theDaemonsInputLimitLeavesRoomForEveryHeaderOfTheList() {
        int largest = Protocols.ALL.stream()
                .mapToInt(Protocols.Listener::headerBytes)
                .max()
                .orElseThrow();
        assertTrue(Daemon.FRAMING_OVERHEAD_BYTES >= largest + 2, "a header of " + largest + " bytes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void eachProtocolListensUnderItsName(String name) throws Exception {
        Protocols.Listener protocol = described(name);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", daemon.port(protocol.name())), 5000);
            assertTrue(s.isConnected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void eachDecoderTakesExactlyWhatItsEncoderFramesAndTheHeaderSizeCoversIt(String name) throws Exception {
        Protocols.Listener protocol = described(name);
        byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] framed = protocol.encoder().encode(1, payload);
        assertTrue(framed.length - payload.length <= protocol.encoder().overheadBytes(), "overhead");
        int header = indexOf(framed, payload);
        assertTrue(header >= 0 && header <= protocol.headerBytes(), "header of " + header + " bytes");
        if (protocol.dialect() == null) {
            return; // web: its decoder reads a browser's masked frames, not the server's own
        }
        FrameDecoder<?> decoder = protocol.decoder().apply(1024);
        ByteBuffer in = ByteBuffer.wrap(framed);
        Object message = decoder.decode(in);
        if (message == null) {
            message = decoder.drained(in, false);
        }
        assertNotNull(message, "one whole message");
        assertEquals(0, in.remaining(), "consumed exactly the frame");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spokenByTheClient")
    void theClientsDialectSaysGoodbyeAndTheServerAnswersAndCloses(String name) throws Exception {
        Protocols.Listener protocol = described(name);
        Dialect<?> dialect = protocol.dialect().get();
        assertEquals(protocol.name(), dialect.protocol());
        List<Reply> replies = exchange(
                dialect, daemon.port(protocol.name()), dialect.goodbye().bytes());
        assertFalse(replies.isEmpty(), "no reply");
        for (Reply r : replies) {
            assertFalse(r.error(), r.text());
        }
    }

    /** Sends {@code request}, reads until the server closes, and decodes it all with the dialect. */
    private static <F> List<Reply> exchange(Dialect<F> dialect, int port, byte[] request) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request);
            InputStream in = s.getInputStream();
            in.transferTo(received);
        }
        FrameDecoder<F> decoder = dialect.newReplyDecoder();
        ByteBuffer bytes = ByteBuffer.wrap(received.toByteArray());
        List<Reply> replies = new ArrayList<>();
        F message;
        while ((message = decoder.decode(bytes)) != null || (message = decoder.drained(bytes, true)) != null) {
            replies.add(dialect.reply(message));
        }
        return replies;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
