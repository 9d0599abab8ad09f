package dev.switchboard.reactor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.tinylog.Logger;

/**
 * Takes every socket path of the loop once at start-up, while descriptors are plenty, so that
 * no JDK class is first initialised when they have run out. The JDK initialises
 * {@code sun.nio.ch.FileDispatcherImpl} on the first socket close or gathering write, and that
 * opens a socket pair: in a reconnect storm past {@code ulimit -n} the first close came with
 * no descriptor left, inside {@code Selector.select}, and the daemon died (issue 9).
 */
final class JdkWarmup {
    private JdkWarmup() {}

    /**
     * Accepts, sets up, reads, writes (plain and gathering), shuts down and closes one
     * loopback pair, as the loop does each of them.
     */
    static void run(Selector selector) {
        // Ours too: close reasons, phases, and the durations of disconnect and timeout lines
        // (Seconds, and BigDecimal behind it) are first needed at a close.
        CloseReason.values();
        Lifecycle.Phase.values();
        Seconds.of(Seconds.fixed(0, 3).length());
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
                SocketChannel accepted = server.accept();
                try {
                    // As Admission.adopt sets a socket up.
                    accepted.configureBlocking(false);
                    accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    accepted.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                    accepted.getRemoteAddress();
                    SelectionKey key = accepted.register(selector, SelectionKey.OP_READ);
                    client.write(ByteBuffer.wrap(new byte[] {1}));
                    accepted.write(new ByteBuffer[] {ByteBuffer.allocateDirect(1), ByteBuffer.allocate(1)}, 0, 2);
                    client.read(ByteBuffer.allocate(2));
                    selector.selectNow();
                    accepted.read(ByteBuffer.allocateDirect(1));
                    accepted.shutdownOutput();
                    // Closed while registered, as the loop closes: the socket is really closed
                    // by the selector's next select, which is the path that died.
                    key.cancel();
                } finally {
                    accepted.close();
                }
                selector.selectNow();
            }
            ByteBuffer.allocate(0).asReadOnlyBuffer();
        } catch (IOException | RuntimeException e) {
            Logger.warn(
                    "could not rehearse the socket paths at start-up ({}); a descriptor shortage "
                            + "may then fail the first close",
                    e.toString());
        }
    }
}
