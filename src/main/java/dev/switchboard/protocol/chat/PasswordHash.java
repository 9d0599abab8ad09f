package dev.switchboard.protocol.chat;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted slow password hashes: PBKDF2-HMAC-SHA256 (in every JDK, so no native code or new
 * dependency), 16 random bytes of salt, 32 bytes of output, stored as
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (Base64) so the cost can rise later without
 * breaking stored names. Slow on purpose: never call it on the loop thread.
 */
public final class PasswordHash {
    /** OWASP's current figure for PBKDF2-HMAC-SHA256; about 0.23 s a hash on the 2-core test machine. */
    static final int DEFAULT_ITERATIONS = 600_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {}

    public static String hash(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** True if {@code password} is the one {@code stored} was made from; false for a malformed hash. */
    public static boolean matches(String password, String stored) {
        if (!isWellFormed(stored)) {
            return false;
        }
        String[] parts = stored.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = derive(password, salt, Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    public static boolean isWellFormed(String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("[1-9][0-9]{0,8}")) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(parts[2]).length == SALT_BYTES
                    && Base64.getDecoder().decode(parts[3]).length == HASH_BITS / 8;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime ships PBKDF2WithHmacSHA256; without it nothing can be checked.
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
