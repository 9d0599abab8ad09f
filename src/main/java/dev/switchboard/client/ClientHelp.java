package dev.switchboard.client;

import java.util.List;

/** The text of {@code switchboard client --help}, its protocols from the daemon's list. */
final class ClientHelp {
    private static final String TEXT =
            """
            Usage: java -jar target/switchboard.jar client -P PROTOCOL [options] [COMMAND...]

            A terminal client for every Switchboard protocol. On a terminal it edits lines
            (history in ~/.switchboard/, Tab completes, `help` lists the words, Ctrl+D quits)
            and reconnects after the server goes away. With standard input redirected it
            reads one command per line and prints one reply per line. With COMMAND words
            after the options it sends that one command, prints the reply and exits.

            Options:
              -P, --protocol P        %s (required)
              -h, --host HOST         server address (127.0.0.1)
              -p, --port N            server port (the protocol's default port)
                  --timeout SECONDS   connect, handshake and reply timeout (5)
                  --tls               speak TLS (1.3 or 1.2); the server's certificate must be
                                      trusted by the JDK and name HOST
                  --cacert FILE       trust the CA or self-signed certificate in this PEM file
                                      (implies --tls)
                  --insecure          TLS without any certificate check, for trying things out
                                      (implies --tls)
              -r COUNT                send the COMMAND (or --latency probe) COUNT times
                                      (-1 = until Ctrl+C)
              -i SECONDS              pause between repeats (0; --latency: 0.01)
                  --latency           measure round trips continuously: min, avg, max and p99
                                      on one line (%s)
                  --help              this text

            Examples:
              switchboard client -P chat
              switchboard client -P frame5 rev hello
              switchboard client -P command -r 3 -i 0.5 HELP
              switchboard client -P echo --latency -r 1000
              switchboard client -P chat -h chat.example.org -p 8443 --tls

            Exit status: 0 done (or a goodbye), 1 the server answered with an error,
            2 bad options, 3 connection failure (refused, timed out, TLS handshake failed,
            closed by the server unexpectedly, no reply within --timeout).
            """;

    private ClientHelp() {}

    static String text(List<ClientProtocol> protocols) {
        List<String> names = protocols.stream().map(ClientProtocol::name).toList();
        String spoken = names.size() < 2
                ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return TEXT.formatted(spoken, String.join(", ", ClientProtocol.requestReply(protocols)));
    }
}
