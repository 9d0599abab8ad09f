package dev.switchboard.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * Where the client connects and how (plain TCP or TLS); opens a {@link ServerLink} again and
 * again, which is what lets an interactive session reconnect after a daemon restart.
 *
 * @param tls null for plaintext
 */
record Endpoint(String host, int port, String protocol, int timeoutMillis, ClientTls tls) {

    /** {@code host:port}, with an IPv6 host in brackets. */
    String address() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    <F> ServerLink open(Dialect<F> dialect) throws ConnectFailure {
        String where = "cannot connect to " + address() + " (" + protocol + (tls != null ? "+tls" : "") + "): ";
        Socket socket = new Socket();
        boolean opened = false;
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            if (tls != null) {
                try {
                    socket = tls.wrap(socket, host, port, timeoutMillis);
                } catch (SocketTimeoutException e) {
                    throw new ConnectFailure(
                            where + "no TLS handshake within " + timeoutMillis / 1000.0 + " s (is that a TLS port?)");
                } catch (SSLException e) {
                    throw new ConnectFailure(where + "TLS handshake failed: " + ClientTls.explain(e, host));
                }
            }
            ServerLink link = ServerLink.start(socket, dialect);
            opened = true;
            return link;
        } catch (ConnectException e) {
            throw new ConnectFailure(where + "connection refused; is `switchboard serve` running there?");
        } catch (SocketTimeoutException e) {
            throw new ConnectFailure(where + "timed out after " + timeoutMillis / 1000.0 + " s");
        } catch (UnknownHostException e) {
            throw new ConnectFailure("unknown host " + host);
        } catch (NoRouteToHostException e) {
            throw new ConnectFailure(where + "no route to host");
        } catch (IOException e) {
            throw new ConnectFailure(where + (tls != null ? ClientTls.explain(e, host) : e.getMessage()));
        } finally {
            if (!opened) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing was said on it; there is nothing to report.
        }
    }
}
