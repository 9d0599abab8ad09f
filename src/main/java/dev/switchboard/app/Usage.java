package dev.switchboard.app;

/** The text of {@code --help} and {@code serve --help}. */
final class Usage {
    static final String TEXT = """
            Switchboard: five tiny TCP protocols, TLS, an admin endpoint and a web chat,
            served from one selector thread.

            Usage:
              java -jar target/switchboard.jar serve [options]
              java -jar target/switchboard.jar client --protocol P [--host H] [--port N] [--tls]
              java -jar target/switchboard.jar client --help
              java -jar target/switchboard.jar --help | --version

            """;

    static final String SERVE = """
            serve options (also as KEY=VALUE lines, without the dashes, in --config FILE;
            flags win). PROTO is command, frame5, header128, chat, echo or web.
              --bind ADDR                 listen address (127.0.0.1); 0.0.0.0, ::, ::1 work
              --command-port N|off        12340  (0 = any free port, printed at start-up)
              --frame5-port N|off         65432
              --header128-port N|off      5050
              --chat-port N|off           8080
              --echo-port N|off           65433
              --web-port N|off            8081   (the chat page and its WebSocket)
              --PROTO-tls-port N|off      a TLS listener for PROTO beside the plaintext one (off)
              --tls-cert FILE             PEM certificate chain for the TLS listeners
              --tls-key FILE              PEM PKCS#8 private key (RSA or EC)
              --admin-port N|off          HTTP /metrics and /health (off)
              --admin-bind ADDR           the admin endpoint's address (127.0.0.1)
              --proxy-protocol LIST|all   listeners that want a PROXY v1/v2 header first (none)
              --proxy-trusted CIDRS       where a PROXY header is accepted from
                                          (127.0.0.0/8,::1/128)
              --max-frame BYTES           largest frame payload or line (1048576)
              --max-connections N         open connections, all listeners together (10000)
              --max-pending-output BYTES  unread replies per client before it is paused
                                          (chat: disconnected) (1048576)
              --frame-timeout SECONDS     deadline for a partial frame, line or TLS handshake;
                                          0 = never (30)
              --idle-timeout SECONDS      no traffic at all; 0 = never (300)
              --PROTO-idle-timeout SECONDS  per protocol (chat, web: 0; others: --idle-timeout)
              --drain-timeout SECONDS     how long SIGTERM waits for replies to flush (5)
              --web-origin ORIGINS        browser origins allowed besides the page's own
              --chat-history N            lines a room replays to newcomers; 0 = off (50)
              --chat-rate N               lines per second per chat client; 0 = off (0)
              --chat-max-rooms N          rooms at once, #lobby included (1000)
              --data-dir DIR              registered chat names (~/.switchboard/data)
              --chat-redis URL            redis://HOST:PORT[/DB]: one chat across nodes (off)
              --stats-interval SECONDS    log messages handled and bytes allocated per message
                                          on the loop thread this often; 0 = never (0)
              --log-level LEVEL           trace, debug, info, warn, error (info)
              --config FILE               a properties file with the same keys
              --print-config              print the effective configuration and exit
            Each option can also be set as SWITCHBOARD_KEY in the environment
            (SWITCHBOARD_CHAT_PORT=9000): defaults < config file < environment < flags.

            Start-up prints "listening LISTENER ADDRESS:PORT" per listener on stdout (e.g.
            "listening chat+tls 127.0.0.1:8443"); logs go to stderr. A bad option, an unusable
            TLS file or a busy port: one line on stderr, exit status 2.
            """;

    private Usage() {
    }
}
