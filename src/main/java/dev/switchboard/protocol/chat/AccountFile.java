package dev.switchboard.protocol.chat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinylog.Logger;

/**
 * The registered names on disk: {@code DATA_DIR/chat-accounts}, one {@code NAME HASH} line
 * each, written whole to a temporary file, forced to disk, then moved over the old one with
 * ATOMIC_MOVE, so a crash leaves the old file or the new one, never half of either. Readable
 * by its owner only. Blocking: called at start-up and on the hashing thread, never on the loop.
 */
final class AccountFile {
    static final String FILE_NAME = "chat-accounts";
    private static final String HEADER = "# switchboard chat accounts: NAME pbkdf2-sha256$ITERATIONS$SALT$HASH";
    private final Path file;

    AccountFile(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    /** Name as registered to its hash; empty if there is no file yet. Bad lines are skipped. */
    Map<String, String> load() throws IOException {
        Map<String, String> accounts = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return accounts;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ");
            if (parts.length != 2 || ChatNames.nameProblem(parts[0]) != null || !PasswordHash.isWellFormed(parts[1])) {
                // The line itself may hold a hash: say where it is, not what it says.
                Logger.warn("chat: {} line {} is not NAME HASH; skipped (it is dropped at the next save)", file, i + 1);
                continue;
            }
            accounts.put(parts[0], parts[1]);
        }
        return accounts;
    }

    void save(Map<String, String> accounts) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        accounts.forEach(
                (name, hash) -> text.append(name).append(' ').append(hash).append('\n'));
        Path temp = dir.resolve(FILE_NAME + ".tmp");
        try (FileChannel out = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ownerOnly(temp);
            out.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("the data directory " + dir + " cannot replace files atomically", e);
        }
        syncDirectory(dir);
    }

    private static void ownerOnly(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Makes the rename itself durable; some platforms cannot open a directory, and then it is skipped. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            Logger.debug("chat: cannot sync directory {}: {}", dir, e.getMessage());
        }
    }
}
