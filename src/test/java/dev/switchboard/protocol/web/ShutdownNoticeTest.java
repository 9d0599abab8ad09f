package dev.switchboard.protocol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.codec.ws.WsClose;
import dev.switchboard.kit.DaemonProcess;
import dev.switchboard.kit.TestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM tells every chat member {@code * server shutting down} before closing them: an
 * {@code nc}-style member reads it as its last line and then the end of the stream, a browser
 * as its last text message and then a close frame (1001, going away); the daemon exits 0.
 */
class ShutdownNoticeTest {

    @Test
    void onSigtermNcAndWebSocketMembersReadTheShutdownLineThenTheEnd() throws Exception {
        try (DaemonProcess d = DaemonProcess.serveOnFreePorts()) {
            try (TestClient nc = new TestClient(d.port("chat"));
                    WsTestClient browser = WsTestClient.connect(d.port("web"))) {
                assertTrue(nc.readLine().startsWith("* welcome guest-"));
                assertTrue(browser.readText().startsWith("* welcome guest-"));
                String joined = nc.readLine();
                assertTrue(joined.matches("\\* guest-\\d+ joined"), joined);
                // Both members are in: a line from each reaches the other before the signal.
                nc.send("from nc\n");
                assertEquals("from nc", nc.readLine());
                assertTrue(browser.readText().endsWith("> from nc"));
                d.sigterm();

                List<String> ncLines = new ArrayList<>();
                String line;
                while ((line = readLineOrNull(nc)) != null) {
                    ncLines.add(line);
                }
                assertLastIsTheNotice(ncLines);

                List<String> texts = new ArrayList<>();
                int closeCode;
                while (true) {
                    WsTestClient.Frame f = browser.readFrame();
                    if (f.opcode() == 8) {
                        closeCode = f.closeCode();
                        break;
                    }
                    if (f.opcode() == 1) {
                        texts.add(f.text());
                    }
                }
                browser.expectEnd();
                assertLastIsTheNotice(texts);
                assertEquals(WsClose.GOING_AWAY, closeCode);
            }
            assertEquals(0, d.awaitExit(Duration.ofSeconds(20)), d.stderr());
        }
    }

    /** The notice comes last; before it, at most the other member leaving (whoever was told first). */
    private static void assertLastIsTheNotice(List<String> lines) {
        assertTrue(!lines.isEmpty() && lines.get(lines.size() - 1).equals("* server shutting down"), lines.toString());
        for (String l : lines.subList(0, lines.size() - 1)) {
            assertTrue(l.matches("\\* guest-\\d+ left"), lines.toString());
        }
    }

    private static String readLineOrNull(TestClient c) throws IOException {
        try {
            return c.readLine();
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).startsWith("connection closed after 0 bytes")) {
                return null; // the end of the stream, between lines
            }
            throw e;
        }
    }
}
