package dev.switchboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Keys typed while the test runs: {@link #type} adds them when the test has seen what it waits
 * for on the screen; a read waits for the next key (a keyboard never reaches end of file).
 */
final class LiveKeyboard extends InputStream {
    private byte[] keys = new byte[0];
    private int next;

    synchronized void type(String typed) {
        byte[] more = typed.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[keys.length - next + more.length];
        System.arraycopy(keys, next, all, 0, keys.length - next);
        System.arraycopy(more, 0, all, keys.length - next, more.length);
        keys = all;
        next = 0;
        notifyAll();
    }

    @Override
    public synchronized int read() throws IOException {
        awaitKey();
        return keys[next++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        awaitKey();
        int n = Math.min(length, keys.length - next);
        System.arraycopy(keys, next, into, offset, n);
        next += n;
        return n;
    }

    private void awaitKey() throws IOException {
        try {
            while (next >= keys.length) {
                wait();
            }
        } catch (InterruptedException e) {
            throw new InterruptedIOException("the terminal was closed");
        }
    }
}
