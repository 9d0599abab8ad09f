package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The chat's small parts on their own: history bounds, back-off delays, addresses, hashes. */
class ChatPartsTest {

    @Test
    void historyKeepsTheLastLinesAndABoundedNumberOfCharactersPerRoom() {
        LocalHistory history = new LocalHistory(3, 100);
        for (int i = 1; i <= 5; i++) {
            history.append("#a", "<x> " + i);
        }
        assertEquals(List.of("<x> 3", "<x> 4", "<x> 5"), history.recent("#A"));
        history.append("#a", "y".repeat(98));
        assertEquals(List.of("y".repeat(98)), history.recent("#a"), "older lines make room for a long one");
        history.append("#a", "z".repeat(101));
        assertEquals(List.of("y".repeat(98)), history.recent("#a"), "a line over the bound is not kept");
        history.forget("#a");
        assertEquals(List.of(), history.recent("#a"));
        assertEquals(List.of(), history.recent("#never"));
    }

    @Test
    void backOffDoublesFromAQuarterSecondUpToFiveSeconds() {
        long[] millis = new long[8];
        for (int k = 1; k <= 8; k++) {
            millis[k - 1] = TimeUnit.NANOSECONDS.toMillis(LoginThrottle.delayNanos(k));
        }
        assertEquals("[250, 500, 1000, 2000, 4000, 5000, 5000, 5000]", java.util.Arrays.toString(millis));
    }

    @Test
    void failuresCountPerNameAndPerAddressAndARightPasswordClearsBoth() {
        LoginThrottle throttle = new LoginThrottle();
        assertEquals(LoginThrottle.delayNanos(1), throttle.failed("alice", "10.0.0.1", 0));
        assertEquals(LoginThrottle.delayNanos(2), throttle.failed("ALICE", "10.0.0.2", 1), "same name, new address");
        assertEquals(LoginThrottle.delayNanos(2), throttle.failed("bob", "10.0.0.1", 2), "same address, new name");
        throttle.succeeded("alice", "10.0.0.1");
        assertEquals(LoginThrottle.delayNanos(2), throttle.failed("carol", "10.0.0.2", 3));
        assertEquals(LoginThrottle.delayNanos(1), throttle.failed("alice", "10.0.0.3", 4));
        long later = TimeUnit.MINUTES.toNanos(16);
        assertEquals(LoginThrottle.delayNanos(1), throttle.failed("alice", "10.0.0.3", later), "forgotten");
    }

    @Test
    void theAddressOfAClientIsItsRemoteWithoutThePort() {
        assertEquals("127.0.0.1", Logins.address("127.0.0.1:5000"));
        assertEquals("[::1]", Logins.address("[::1]:5000"));
        assertEquals("[2001:db8::1]", Logins.address("[2001:db8::1]:80"));
        assertEquals("unix", Logins.address("unix"));
    }

    @Test
    void aHashIsSaltedAndOnlyItsPasswordMatchesIt() {
        String a = PasswordHash.hash("secret", 1_000);
        String b = PasswordHash.hash("secret", 1_000);
        assertFalse(a.equals(b));
        assertTrue(PasswordHash.matches("secret", a));
        assertFalse(PasswordHash.matches("Secret", a));
        assertFalse(PasswordHash.matches("secret", "pbkdf2-sha256$1000$bad$bad"));
        assertTrue(PasswordHash.isWellFormed(a));
        assertFalse(a.contains("secret"));
    }

    @Test
    void theDebugLogShowsLoginsWithoutTheirPasswords() {
        assertEquals("/login alice ****", ChatCommands.forLog("/login alice hunter2"));
        assertEquals("/register ****", ChatCommands.forLog("/REGISTER hunter2"));
        assertEquals("hello", ChatCommands.forLog("hello"));
    }
}
