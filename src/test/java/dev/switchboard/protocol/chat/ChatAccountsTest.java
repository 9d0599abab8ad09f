package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.kit.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md Part 2, registered names: /register, /login, /nick refused, kept across a restart,
 * wrong passwords slowed down. Cheap hashes (1,000 rounds) keep these fast; the cost itself is
 * {@link ChatLoginLoadTest}'s subject.
 */
class ChatAccountsTest {
    private static final long QUARTER_SECOND_NANOS = 250_000_000L;

    @TempDir
    Path dataDir;

    private ChatClients start() throws Exception {
        return new ChatClients(s -> s.withDataDir(dataDir).withHashIterations(1_000));
    }

    @Test
    void aRegisteredNameSurvivesARestartAndOnlyItsPasswordTakesIt() throws Exception {
        try (ChatClients chat = start()) {
            TestClient alice = chat.named("alice");
            alice.send("/register s3cret pass\n");
            assertEquals("* alice is now registered", alice.readLine());
        }
        try (ChatClients chat = start()) {
            TestClient other = chat.connect();
            TestClient me = chat.connect();
            assertEquals("* guest-2 joined", other.readLine());
            other.send("/nick alice\n");
            assertEquals("! alice is registered", other.readLine());
            other.send("/nick ALICE\n");
            assertEquals("! ALICE is registered", other.readLine(), "registered names ignore case too");
            me.send("/login alice s3cret\n");
            assertEquals("! wrong password for alice", me.readLine());
            me.send("/login alice s3cret pass\n");
            assertEquals("* you are now alice", me.readLine());
            assertEquals("* guest-2 is now alice", other.readLine());
            me.send("hello\n");
            assertEquals("hello", me.readLine());
            assertEquals("<alice> hello", other.readLine());
        }
    }

    @Test
    void theFileHoldsOnlySaltedHashesReadableByItsOwner() throws Exception {
        try (ChatClients chat = start()) {
            TestClient a = chat.named("alice");
            a.send("/register same-password\n");
            assertEquals("* alice is now registered", a.readLine());
            TestClient b = chat.named("bob", a);
            b.send("/register same-password\n");
            assertEquals("* bob is now registered", b.readLine());
        }
        Path file = dataDir.resolve(AccountFile.FILE_NAME);
        String text = Files.readString(file);
        assertFalse(text.contains("same-password"), text);
        String[] lines = text.lines().filter(l -> !l.startsWith("#")).toArray(String[]::new);
        assertEquals(2, lines.length, text);
        assertTrue(lines[0].startsWith("alice pbkdf2-sha256$1000$"), lines[0]);
        String aliceHash = lines[0].split(" ")[1];
        String bobHash = lines[1].split(" ")[1];
        assertFalse(aliceHash.split("\\$")[3].equals(bobHash.split("\\$")[3]), "salted: same password, other hash");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dataDir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void theKthWrongPasswordInARowWaitsAQuarterSecondTimesTwoToTheKMinusOne() throws Exception {
        try (ChatClients chat = start()) {
            TestClient owner = chat.named("alice");
            owner.send("/register right\n");
            assertEquals("* alice is now registered", owner.readLine());
            TestClient guesser = chat.connect();
            owner.readLine();
            for (int k = 1; k <= 3; k++) {
                long start = System.nanoTime();
                guesser.send("/login alice wrong" + k + "\n");
                assertEquals("! wrong password for alice", guesser.readLine());
                long tookNanos = System.nanoTime() - start;
                long floor = QUARTER_SECOND_NANOS << (k - 1);
                assertTrue(tookNanos >= floor, "reply " + k + " after " + tookNanos / 1_000_000 + " ms");
            }
            // Another connection from the same address is no way around it: the 4th waits 2 s.
            TestClient second = chat.connect();
            owner.readLine();
            guesser.readLine();
            long start = System.nanoTime();
            second.send("/login alice wrong4\n");
            // While that reply is held back, everyone else is answered at once.
            owner.send("/who\n");
            assertTrue(owner.readLine().startsWith("* online: "));
            assertTrue(System.nanoTime() - start < QUARTER_SECOND_NANOS * 4, "the owner did not wait");
            assertEquals("! wrong password for alice", second.readLine());
            assertTrue(System.nanoTime() - start >= 2 * 4 * QUARTER_SECOND_NANOS);
        }
    }

    @Test
    void aRightPasswordEndsTheRunOfFailures() throws Exception {
        try (ChatClients chat = start()) {
            TestClient owner = chat.named("alice");
            owner.send("/register right\n");
            assertEquals("* alice is now registered", owner.readLine());
            for (int k = 1; k <= 3; k++) {
                owner.send("/login alice nope\n");
                assertEquals("! wrong password for alice", owner.readLine());
            }
            owner.send("/login alice right\n");
            assertEquals("* you are now alice", owner.readLine());
            long start = System.nanoTime();
            owner.send("/login alice nope\n");
            assertEquals("! wrong password for alice", owner.readLine());
            long took = System.nanoTime() - start;
            // Counted afresh: k = 1 waits 0.25 s, where a 4th failure in a row would wait 2 s.
            assertTrue(took >= QUARTER_SECOND_NANOS && took < 6 * QUARTER_SECOND_NANOS, took / 1_000_000 + " ms");
        }
    }

    @Test
    void aLoginTakesTheNameFromAnOlderConnectionOfItsOwner() throws Exception {
        try (ChatClients chat = start()) {
            TestClient old = chat.named("alice");
            old.send("/register pw\n");
            assertEquals("* alice is now registered", old.readLine());
            TestClient watcher = chat.named("bob", old);
            TestClient fresh = chat.connect();
            old.readLine();
            watcher.readLine();
            fresh.send("/login alice pw\n");
            assertEquals("* alice left", fresh.readLine());
            assertEquals("* you are now alice", fresh.readLine());
            assertEquals("! alice logged in from another connection", old.readLine());
            old.expectClosed();
            assertEquals("* alice left", watcher.readLine());
            assertTrue(watcher.readLine().endsWith(" is now alice"));
        }
    }

    @Test
    void unknownNamesAndMissingPasswordsAreRefused() throws Exception {
        try (ChatClients chat = start()) {
            TestClient c = chat.connect();
            c.send("/register\n");
            assertEquals("! usage: /register PASSWORD", c.readLine());
            c.send("/login nobody pw\n");
            assertTrue(c.readLine().startsWith("! nobody is not registered"));
            c.send("/login alice\n");
            assertEquals("! usage: /login NAME PASSWORD", c.readLine());
            c.send("/login bad\u001bname pw\n");
            assertTrue(c.readLine().startsWith("! a name holds only"));
        }
    }

    @Test
    void theOwnerMayChangeTheirPassword() throws Exception {
        try (ChatClients chat = start()) {
            TestClient c = chat.named("alice");
            c.send("/register first\n");
            assertEquals("* alice is now registered", c.readLine());
            c.send("/register second\n");
            assertEquals("* alice is now registered", c.readLine());
        }
        try (ChatClients chat = start()) {
            TestClient c = chat.connect();
            c.send("/login alice second\n");
            assertEquals("* you are now alice", c.readLine());
        }
    }

    @Test
    void aCrashsLeftoverTemporaryFileAndABadLineDoNotLoseTheOtherNames() throws Exception {
        try (ChatClients chat = start()) {
            TestClient c = chat.named("alice");
            c.send("/register pw\n");
            assertEquals("* alice is now registered", c.readLine());
        }
        Path file = dataDir.resolve(AccountFile.FILE_NAME);
        Files.writeString(file, Files.readString(file) + "garbage line\n");
        Files.writeString(dataDir.resolve(AccountFile.FILE_NAME + ".tmp"), "half a fi");
        try (ChatClients chat = start()) {
            TestClient c = chat.connect();
            c.send("/login alice pw\n");
            assertEquals("* you are now alice", c.readLine());
            TestClient b = chat.named("bob", c);
            b.send("/register pw2\n");
            assertEquals("* bob is now registered", b.readLine());
        }
        String text = Files.readString(file);
        assertTrue(text.contains("\nalice pbkdf2") && text.contains("\nbob pbkdf2") && !text.contains("garbage"), text);
    }

    @Test
    void aGuestNameMayBeRegisteredAndIsThenNeverHandedOutAgain() throws Exception {
        try (ChatClients chat = start()) {
            TestClient c = chat.connect();
            c.send("/register pw\n");
            assertEquals("* guest-1 is now registered", c.readLine());
        }
        try (ChatClients chat = start()) {
            TestClient c = chat.daemon.connect("chat");
            assertEquals("* welcome guest-2", c.readLine());
            c.send("/login guest-1 pw\n");
            assertEquals("* you are now guest-1", c.readLine());
            c.close();
        }
    }
}
