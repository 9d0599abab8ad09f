package dev.switchboard.protocol.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestClient;
import dev.switchboard.kit.TestDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC.md "Chat in the browser", the HTTP side: the page, the upgrade, the Origin rule. */
class WebProtocolTest {
    private TestDaemon daemon;
    private int port;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemon.start(o -> o.with(b -> b.webOrigins = List.of("https://chat.example.org")));
        port = daemon.port("web");
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    private WsTestClient get(String path, String extraHeaders) throws IOException {
        return WsTestClient.raw(
                port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + extraHeaders + "\r\n");
    }

    private static String status(WsTestClient c) {
        return c.responseHead.lines().findFirst().orElse("");
    }

    @Test
    void rootServesThePageFromTheJarByteForByteWithTypeAndCachingHeaders() throws Exception {
        for (String[] file : new String[][] {
            {"/", "index.html", "text/html; charset=utf-8"},
            {"/app.js", "app.js", "text/javascript; charset=utf-8"},
            {"/app.css", "app.css", "text/css; charset=utf-8"}
        }) {
            try (WsTestClient c = get(file[0], "")) {
                assertEquals("HTTP/1.1 200 OK", status(c));
                assertEquals(file[2], WsTestClient.header(c.responseHead, "Content-Type"));
                assertEquals("no-cache", WsTestClient.header(c.responseHead, "Cache-Control"));
                assertTrue(WsTestClient.header(c.responseHead, "ETag").startsWith("\""));
                assertEquals("close", WsTestClient.header(c.responseHead, "Connection"));
                byte[] source = Files.readAllBytes(Path.of("src/main/resources/web", file[1]));
                // Byte for byte: the build's resource filtering must not have touched the page.
                assertArrayEquals(source, c.readToEnd().getBytes(StandardCharsets.UTF_8), file[1]);
                assertEquals(String.valueOf(source.length), WsTestClient.header(c.responseHead, "Content-Length"));
            }
        }
    }

    @Test
    void aBrowserWithTheCurrentVersionGets304AndHeadGetsNoBody() throws Exception {
        String etag;
        try (WsTestClient c = get("/", "")) {
            etag = WsTestClient.header(c.responseHead, "ETag");
        }
        try (WsTestClient c = get("/", "If-None-Match: " + etag + "\r\n")) {
            assertEquals("HTTP/1.1 304 Not Modified", status(c));
            assertEquals("", c.readToEnd());
        }
        try (WsTestClient c = WsTestClient.raw(port, "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertEquals("HTTP/1.1 200 OK", status(c));
            assertEquals("", c.readToEnd());
        }
    }

    @Test
    void thePageCarriesTheAriaLabelsAndLoadsNothingFromElsewhere() throws Exception {
        String html;
        try (WsTestClient c = get("/", "")) {
            html = c.readToEnd();
        }
        for (String label : List.of("message", "name", "room", "members")) {
            assertTrue(html.contains("aria-label=\"" + label + "\""), label);
        }
        assertTrue(!html.contains("http://") && !html.contains("https://"), "no absolute URL in the page");
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        try (WsTestClient c = get("/nope", "")) {
            assertEquals("HTTP/1.1 404 Not Found", status(c));
        }
        try (WsTestClient c = WsTestClient.raw(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")) {
            assertEquals("HTTP/1.1 405 Method Not Allowed", status(c));
            assertEquals("GET, HEAD", WsTestClient.header(c.responseHead, "Allow"));
        }
    }

    @Test
    void malformedOrOversizedRequestsAre400ThenClosed() throws Exception {
        try (WsTestClient c = WsTestClient.raw(port, "GET / HTTP/1.1\r\n\r\n")) {
            assertEquals("HTTP/1.1 400 Bad Request", status(c));
            assertTrue(c.readToEnd().contains("missing Host header"));
        }
        try (WsTestClient c =
                WsTestClient.raw(port, "GET / HTTP/1.1\r\nHost: x\r\nX: " + "y".repeat(9000) + "\r\n\r\n")) {
            assertEquals("HTTP/1.1 400 Bad Request", status(c));
        }
    }

    @Test
    void chatWithoutAnUpgradeOrWithAnotherVersionIs426() throws Exception {
        try (WsTestClient c = get("/chat", "")) {
            assertEquals("HTTP/1.1 426 Upgrade Required", status(c));
        }
        String v8 = WsTestClient.upgradeRequest(port, null, "dGhlIHNhbXBsZSBub25jZQ==")
                .replace("Version: 13", "Version: 8");
        try (WsTestClient c = WsTestClient.raw(port, v8)) {
            assertEquals("HTTP/1.1 426 Upgrade Required", status(c));
            assertEquals("13", WsTestClient.header(c.responseHead, "Sec-WebSocket-Version"));
        }
        try (WsTestClient c = WsTestClient.raw(port, WsTestClient.upgradeRequest(port, null, "c2hvcnQ="))) {
            assertEquals("HTTP/1.1 400 Bad Request", status(c));
        }
    }

    @Test
    void upgradeAnswers101WithTheAcceptOfRfc6455() throws Exception {
        // RFC 6455 section 1.3's own example.
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.accept("dGhlIHNhbXBsZSBub25jZQ=="));
        try (WsTestClient c =
                WsTestClient.raw(port, WsTestClient.upgradeRequest(port, null, "dGhlIHNhbXBsZSBub25jZQ=="))) {
            assertEquals("HTTP/1.1 101 Switching Protocols", status(c));
            assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WsTestClient.header(c.responseHead, "Sec-WebSocket-Accept"));
            assertEquals(
                    null, WsTestClient.header(c.responseHead, "Sec-WebSocket-Extensions"), "no permessage-deflate");
        }
    }

    @Test
    void originMustBeThePagesOwnOrAllowed() throws Exception {
        for (String good :
                new String[] {"http://127.0.0.1:" + port, "https://127.0.0.1:" + port, "HTTPS://chat.example.org"}) {
            try (WsTestClient c = WsTestClient.connect(port, good)) {
                assertTrue(c.readText().startsWith("* welcome "), good);
            }
        }
        for (String bad : new String[] {"http://evil.example", "http://127.0.0.1:1", "null", "127.0.0.1:" + port}) {
            try (WsTestClient c =
                    WsTestClient.raw(port, WsTestClient.upgradeRequest(port, bad, "dGhlIHNhbXBsZSBub25jZQ=="))) {
                assertEquals("HTTP/1.1 403 Forbidden", status(c), bad);
            }
        }
    }

    @Test
    void aWebSocketClientAndAnNcClientSeeEachOthersLines() throws Exception {
        try (TestClient nc = daemon.connect("chat")) {
            String ncName = nc.readLine().substring("* welcome ".length());
            try (WsTestClient ws = WsTestClient.connect(port)) {
                String wsName = ws.readText().substring("* welcome ".length());
                assertEquals("* " + wsName + " joined", skipHistory(nc));
                ws.sendText("hello from the browser");
                assertEquals("hello from the browser", ws.readText());
                assertEquals("<" + wsName + "> hello from the browser", nc.readLine());
                nc.send("hello from nc\n");
                assertEquals("<" + ncName + "> hello from nc", ws.readText());
                ws.sendText("/who");
                String who = ws.readText();
                assertTrue(who.startsWith("* online: ") && who.contains(ncName) && who.contains(wsName), who);
            }
        }
    }

    private static String skipHistory(TestClient nc) throws IOException {
        String line;
        do {
            line = nc.readLine();
        } while (!line.endsWith(" joined"));
        return line;
    }

    @Test
    void aBrowserSizedRequestHeadGetsThroughEvenWithATinyMaxFrame() throws Exception {
        try (TestDaemon small = TestDaemon.start(o -> o.withMaxFrameBytes(64));
                java.net.Socket s = new java.net.Socket("127.0.0.1", small.port("web"))) {
            s.setSoTimeout(10_000);
            String head = "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + "p".repeat(2000) + "\r\n\r\n";
            byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
            // In two pieces, so the head is buffered across reads like a slow network's.
            s.getOutputStream().write(bytes, 0, 1500);
            Thread.sleep(200);
            s.getOutputStream().write(bytes, 1500, bytes.length - 1500);
            String response = new String(s.getInputStream().readNBytes(15), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 200 OK", response);
        }
    }
}
