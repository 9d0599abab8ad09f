package dev.switchboard.app;

/** The text of {@code --help}. */
final class Usage {
    static final String TEXT = """
            Switchboard: five tiny TCP protocols served from one selector thread.

            Usage:
              java -jar target/switchboard.jar serve [options]
              java -jar target/switchboard.jar client --protocol P [--host H] [--port N] [--timeout S]
              java -jar target/switchboard.jar --help | --version

            serve options (also as KEY=VALUE lines, without the dashes, in --config FILE;
            flags win):
              --bind ADDR                 listen address (127.0.0.1); 0.0.0.0, ::, ::1 work
              --command-port N|off        12340  (0 = any free port, printed at start-up)
              --frame5-port N|off         65432
              --header128-port N|off      5050
              --chat-port N|off           8080
              --echo-port N|off           65433
              --max-frame BYTES           largest frame payload or line (1048576)
              --max-connections N         open connections, all listeners together (10000)
              --max-pending-output BYTES  unread replies per client before it is paused
                                          (chat: disconnected) (1048576)
              --frame-timeout SECONDS     deadline for a partial frame or line; 0 = never (30)
              --idle-timeout SECONDS      no traffic at all; 0 = never (300)
              --drain-timeout SECONDS     how long SIGTERM waits for replies to flush (5)
              --stats-interval SECONDS    log messages handled and bytes allocated per message
                                          on the loop thread this often; 0 = never (0)
              --log-level LEVEL           trace, debug, info, warn, error (info)
              --config FILE               a properties file with the same keys
              --print-config              print the effective configuration and exit
            Each option can also be set as SWITCHBOARD_KEY in the environment
            (SWITCHBOARD_CHAT_PORT=9000): defaults < config file < environment < flags.

            client options:
              --protocol P                command, frame5, header128, chat or echo
              --host H                    server address (127.0.0.1)
              --port N                    the protocol's default port
              --timeout SECONDS           connect and reply timeout (5)
            On a terminal the client edits lines (history in ~/.switchboard/, Tab completes
            the protocol's words); with standard input or output redirected it reads one
            command per line and prints one reply per line (exit 1 on failure or error reply).

            Start-up prints "listening PROTOCOL ADDRESS:PORT" per listener on stdout; logs go
            to stderr. A bad option or a busy port: one line on stderr, exit status 2.
            """;

    private Usage() {
    }
}
