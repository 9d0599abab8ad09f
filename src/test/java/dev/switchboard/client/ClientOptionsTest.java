package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's command line, as redis-cli users type it. */
class ClientOptionsTest {
    private static final List<ClientProtocol> PROTOCOLS = dev.switchboard.app.Protocols.client();

    @Test
    void shortAndLongNamesMeanTheSame() throws UsageError {
        ClientOptions s = ClientOptions.parse(PROTOCOLS, "-P", "chat", "-h", "example.org", "-p", "8443");
        ClientOptions l = ClientOptions.parse(PROTOCOLS, "--protocol=chat", "--host", "example.org", "--port=8443");
        assertEquals(s, l);
        assertEquals("example.org", s.host());
        assertEquals(8443, s.port());
    }

    @Test
    void wordsAfterTheOptionsAreOneCommand() throws UsageError {
        ClientOptions o = ClientOptions.parse(PROTOCOLS, "-P", "frame5", "rev", "hello", "-h");
        assertEquals(List.of("rev", "hello", "-h"), o.command(), "options end at the first command word");
        assertEquals("127.0.0.1", o.host());
        assertEquals(1, o.repeat());
        assertEquals(
                List.of("-x"),
                ClientOptions.parse(PROTOCOLS, "-P", "echo", "--", "-x").command());
    }

    @Test
    void repeatAndIntervalTakeCountsAndSeconds() throws UsageError {
        ClientOptions o = ClientOptions.parse(PROTOCOLS, "-P", "echo", "-r", "5", "-i", "0.25", "hi");
        assertEquals(5, o.repeat());
        assertEquals(250, o.intervalMillis());
        assertEquals(
                -1,
                ClientOptions.parse(PROTOCOLS, "-P", "echo", "-r", "-1", "hi").repeat());
        ClientOptions latency = ClientOptions.parse(PROTOCOLS, "-P", "echo", "--latency");
        assertEquals(-1, latency.repeat(), "--latency runs until Ctrl+C unless -r");
        assertEquals(10, latency.intervalMillis(), "redis-cli's 10 ms between samples");
    }

    @Test
    void cacertAndInsecureAskForTls() throws UsageError {
        assertFalse(ClientOptions.parse(PROTOCOLS, "-P", "echo").tls());
        assertTrue(ClientOptions.parse(PROTOCOLS, "-P", "echo", "--tls").tls());
        ClientOptions c = ClientOptions.parse(PROTOCOLS, "-P", "echo", "--cacert", "ca.pem");
        assertTrue(c.tls());
        assertEquals(Path.of("ca.pem"), c.cacert());
        assertTrue(ClientOptions.parse(PROTOCOLS, "-P", "echo", "--insecure").tls());
    }

    @Test
    void onlyDoubleDashHelpIsHelpBecauseDashHIsTheHost() throws UsageError {
        assertTrue(ClientOptions.parse(PROTOCOLS, "--help").help());
        assertFalse(
                ClientOptions.parse(PROTOCOLS, "-P", "echo", "-h", "localhost").help());
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhat() {
        assertEquals(
                "option -p must be a whole number from 1 to 65535",
                assertThrows(UsageError.class, () -> ClientOptions.parse(PROTOCOLS, "-P", "echo", "-p", "0"))
                        .getMessage());
        assertTrue(assertThrows(UsageError.class, () -> ClientOptions.parse(PROTOCOLS, "-h", "x"))
                .getMessage()
                .startsWith("say which protocol"));
        assertEquals(
                "option -h needs a value",
                assertThrows(UsageError.class, () -> ClientOptions.parse(PROTOCOLS, "-P", "echo", "-h"))
                        .getMessage());
        assertTrue(assertThrows(UsageError.class, () -> ClientOptions.parse(PROTOCOLS, "-P", "echo", "--bogus"))
                .getMessage()
                .startsWith("unknown option --bogus"));
        assertThrows(
                UsageError.class, () -> ClientOptions.parse(PROTOCOLS, "-P", "echo", "--cacert", "a", "--insecure"));
        assertThrows(UsageError.class, () -> ClientOptions.parse(PROTOCOLS, "-P", "echo", "--latency", "hi"));
        assertThrows(UsageError.class, () -> ClientOptions.parse(PROTOCOLS, "-P", "echo", "-i", "1"));
        assertThrows(UsageError.class, () -> ClientOptions.parse(PROTOCOLS, "-P", "echo", "-r", "0", "hi"));
    }
}
