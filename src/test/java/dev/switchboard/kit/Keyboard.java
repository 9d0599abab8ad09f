package dev.switchboard.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Keys typed into a terminal: the given bytes, then nothing more, ever (a keyboard does not
 * reach end of file; Ctrl+D is the key {@code \u0004}). A stream that ended instead would make
 * JLine drop the typed lines it had not read yet.
 */
public final class Keyboard extends InputStream {
    public static final String CTRL_C = "\u0003";
    public static final String CTRL_D = "\u0004";
    private final byte[] keys;
    private int next;

    public Keyboard(String keys) {
        this.keys = keys.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized int read() throws IOException {
        if (next < keys.length) {
            return keys[next++] & 0xFF;
        }
        return block();
    }

    /** Returns what is there at once (the default would wait to fill the whole array). */
    @Override
    public synchronized int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (next >= keys.length) {
            return block();
        }
        int n = Math.min(length, keys.length - next);
        System.arraycopy(keys, next, into, offset, n);
        next += n;
        return n;
    }

    private int block() throws IOException {
        try {
            while (true) {
                wait();
            }
        } catch (InterruptedException e) {
            throw new InterruptedIOException("the terminal was closed");
        }
    }
}
