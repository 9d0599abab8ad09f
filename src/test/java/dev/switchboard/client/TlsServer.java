package dev.switchboard.client;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A JDK {@link SSLServerSocket} speaking the echo protocol (a line back, {@code exit} gets
 * {@code Goodbye!}), with a self-signed certificate made by keytool for the name given.
 */
final class TlsServer implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private final SSLServerSocket server;
    private final Thread acceptor;

    /** Makes {@code dir/server.p12} and its certificate {@code dir/server.pem}, naming {@code san}. */
    static Path makeCertificate(Path dir, String san) throws Exception {
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                dir,
                keytool,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=switchboard test",
                "-ext",
                "san=" + san,
                "-validity",
                "2",
                "-keystore",
                "server.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        run(
                dir,
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                "server.p12",
                "-storepass",
                "changeit",
                "-file",
                "server.pem");
        return dir.resolve("server.pem");
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + output);
        }
    }

    TlsServer(Path dir, String... protocols) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(dir.resolve("server.p12").toFile())) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(protocols);
        acceptor = new Thread(this::serve, "tls-echo-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> echo(s), "tls-echo");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.strip().equalsIgnoreCase("exit")) {
                    out.write("Goodbye!\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // A failed handshake is what some tests are about; the client reports it.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
