package dev.switchboard.app;

import dev.switchboard.client.ClientProtocol;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes {@code tools/switchboard-completion.bash} with picocli's AutoComplete: serve's options
 * straight from {@link ServeCommand}'s spec, so a new protocol or option is completed once the
 * script is regenerated ({@code tools/completion}); a test fails while the committed copy is stale.
 */
public final class CompletionScript {
    private CompletionScript() {}

    /** {@code [FILE]}: the script goes to FILE, else to stdout. */
    public static void main(String[] args) throws IOException {
        String script = script();
        if (args.length == 0) {
            System.out.print(script);
        } else {
            Files.writeString(Path.of(args[0]), script, StandardCharsets.UTF_8);
        }
    }

    static String script() {
        CommandSpec top = CommandSpec.create().name("switchboard");
        top.addOption(OptionSpec.builder("--help").usageHelp(true).build());
        top.addOption(OptionSpec.builder("--version").versionHelp(true).build());
        top.addSubcommand("serve", ServeCommand.commandLine(ServeCommand.spec()));
        top.addSubcommand("client", new CommandLine(client()));
        return AutoComplete.bash("switchboard", new CommandLine(top));
    }

    /**
     * The client keeps its own parser (ClientOptions); this names its options for completion
     * only, so an option added there wants a line here too.
     */
    private static CommandSpec client() {
        CommandSpec spec = CommandSpec.create().name("client");
        spec.addOption(value(String.class, "--protocol", "-P")
                .completionCandidates(
                        Protocols.client().stream().map(ClientProtocol::name).toList())
                .build());
        for (String[] names : List.of(
                new String[] {"--host", "-h"},
                new String[] {"--port", "-p"},
                new String[] {"--timeout"},
                new String[] {"--repeat", "-r"},
                new String[] {"--interval", "-i"})) {
            spec.addOption(value(String.class, names).build());
        }
        spec.addOption(value(File.class, "--cacert").build());
        for (String flag : List.of("--tls", "--insecure", "--latency", "--help")) {
            spec.addOption(
                    OptionSpec.builder(flag).arity("0").type(boolean.class).build());
        }
        return spec;
    }

    private static OptionSpec.Builder value(Class<?> type, String... names) {
        return OptionSpec.builder(names).arity("1").type(type);
    }
}
