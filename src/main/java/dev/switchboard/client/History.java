package dev.switchboard.client;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One history file per protocol under {@code ~/.switchboard/} (Java does not expand "~").
 * Typed lines can hold chat passwords ({@code /login NAME PASSWORD}), so the directory is
 * 0700 and the file 0600, made so before JLine first writes it.
 */
final class History {
    private History() {}

    static Path file(String protocol) throws IOException {
        Path dir = Path.of(System.getProperty("user.home"), ".switchboard");
        Files.createDirectories(dir);
        Path file = dir.resolve("history-" + protocol);
        if (posix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return privateFile(file);
    }

    /** Creates {@code file} readable by its owner only, or narrows an existing one to that. */
    static Path privateFile(Path file) throws IOException {
        if (!posix()) {
            return file;
        }
        if (Files.notExists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
