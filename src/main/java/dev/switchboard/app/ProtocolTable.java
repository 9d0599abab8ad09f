package dev.switchboard.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code tools/protocols}, the protocol list for the shell and Python tools: one line
 * per protocol, {@code NAME PORT HEADER_BYTES CLIENT}. A checked-in file rather than a
 * subcommand, because a tool then reads it in microseconds, without a JVM or even a built jar
 * ({@code tools/fuzz} runs before any jar exists); {@code ProtocolTableTest} fails while the
 * committed copy is stale, and {@code tools/completion} rewrites it with the completion script.
 */
public final class ProtocolTable {
    private ProtocolTable() {}

    /** {@code [FILE]}: the table goes to FILE, else to stdout. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.out.print(text());
        } else {
            Files.writeString(Path.of(args[0]), text(), StandardCharsets.UTF_8);
        }
    }

    static String text() {
        StringBuilder out = new StringBuilder();
        out.append("# The protocol list (app/Protocols) for the tools: written by tools/completion, do not edit.\n");
        out.append("# NAME PORT HEADER_BYTES CLIENT (yes: `switchboard client -P NAME` speaks it)\n");
        for (Protocols.Listener p : Protocols.ALL) {
            out.append(String.format(
                    "%-10s %5d %3d %s%n",
                    p.name(), p.defaultPort(), p.headerBytes(), p.dialect() != null ? "yes" : "no"));
        }
        return out.toString();
    }
}
