package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompletionScriptTest {
    @Test
    void theCommittedScriptIsTheOneTheCommandLineGenerates() throws Exception {
        String committed = Files.readString(Path.of("tools/switchboard-completion.bash"), StandardCharsets.UTF_8);
        assertEquals(CompletionScript.script(), committed, "stale: run tools/completion and commit the script");
    }

    @Test
    void theScriptCompletesEveryServeOptionAndTheProtocolNames() {
        String script = CompletionScript.script();
        for (String key : ServeOptionsParser.knownKeys()) {
            assertTrue(script.contains("--" + key), key);
        }
        String words = "\"" + String.join("\" \"", Protocols.names()) + "\" \"all\"";
        assertTrue(script.contains(words), "--proxy-protocol's words: " + words);
    }
}
