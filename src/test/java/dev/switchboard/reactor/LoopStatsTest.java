package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopStatsTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void eachLineCountsExactlyTheTrafficOfItsIntervalFromTheCounters() {
        Counters counters = new Counters();
        Counters.Protocol echo = counters.protocol("echo");
        Counters.Protocol frame5 = counters.protocol("frame5");
        counters.protocol("chat"); // no traffic: left out of the line
        LoopStats stats = new LoopStats(counters, 0);

        echo.connections += 2;
        echo.messagesReceived += 100;
        echo.messagesSent += 100;
        echo.bytesReceived += 700;
        echo.bytesSent += 700;
        echo.closed(CloseReason.CLIENT_CLOSED);
        frame5.connections += 1;
        frame5.messagesReceived += 3;
        frame5.messagesSent += 3;
        frame5.bytesReceived += 25;
        frame5.bytesSent += 25;
        frame5.closed(CloseReason.QUIT);
        assertEquals(
                "stats: 103 messages in 2.0 s (52 per s), 206 bytes allocated on the loop thread (2.00 per message), "
                        + "1 connections; echo: 100 in, 100 out, 700 bytes in, 700 bytes out, 1 open, "
                        + "1 closed by client; frame5: 3 in, 3 out, 25 bytes in, 25 bytes out, 0 open, "
                        + "1 closed after goodbye",
                stats.line(2 * SECOND, 206));

        echo.messagesReceived += 5;
        echo.messagesSent += 5;
        echo.bytesReceived += 10;
        echo.bytesSent += 10;
        echo.closed(CloseReason.IDLE_TIMEOUT);
        assertEquals(
                "stats: 5 messages in 1.0 s (5 per s), 0 bytes allocated on the loop thread (0.00 per message), "
                        + "0 connections; echo: 5 in, 5 out, 10 bytes in, 10 bytes out, 0 open, 1 idle timeout",
                stats.line(3 * SECOND, 0),
                "only the second interval's traffic; frame5, quiet and closed, is left out");
    }

    @Test
    void aProtocolFirstCountedAfterStartUpCountsFromZero() {
        Counters counters = new Counters();
        LoopStats stats = new LoopStats(counters, 0);
        Counters.Protocol admin = counters.protocol("admin");
        admin.messagesReceived = 4;
        admin.messagesSent = 4;
        assertEquals(
                "stats: 4 messages in 1.0 s (4 per s), 0 bytes allocated on the loop thread (0.00 per message), "
                        + "0 connections; admin: 4 in, 4 out, 0 bytes in, 0 bytes out, 0 open",
                stats.line(SECOND, 0));
    }
}
