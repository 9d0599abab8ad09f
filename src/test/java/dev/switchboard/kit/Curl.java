package dev.switchboard.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code curl} against the admin endpoint (a hand-made client could share our bugs),
 * and {@code promtool check metrics} on what it read.
 */
public final class Curl {
    private Curl() {}

    /** One response: status, headers (names lower-cased, last value wins), body. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A tool's exit status and what it printed (stdout and stderr together). */
    public record Run(int status, String output) {}

    /** {@code curl -s -S -i [extra] URL}: the last response's head and body. */
    public static Response fetch(String url, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "-i", "--max-time", "10"));
        command.addAll(List.of(extra));
        command.add(url);
        Run run = run(null, command);
        if (run.status() != 0) {
            throw new AssertionError("curl " + url + " failed (" + run.status() + "): " + run.output());
        }
        return parse(run.output());
    }

    public static Response get(int port, String path) throws Exception {
        return fetch("http://127.0.0.1:" + port + path);
    }

    /** The samples of /metrics: {@code name{labels}} to value. */
    public static Map<String, Double> metrics(int port) throws Exception {
        return samples(get(port, "/metrics").body());
    }

    public static Map<String, Double> samples(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    /** {@code promtool check metrics} reading {@code text} on stdin. */
    public static Run promtool(String text) throws Exception {
        return run(text, List.of("promtool", "check", "metrics"));
    }

    private static Response parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no HTTP head in: " + raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        return new Response(status, headers, raw.substring(end + 4));
    }

    private static Run run(String stdin, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " output could not be read", e);
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within 20 s");
        }
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
