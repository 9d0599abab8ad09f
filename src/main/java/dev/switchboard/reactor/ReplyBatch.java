package dev.switchboard.reactor;

import java.nio.ByteBuffer;

/**
 * The replies to one connection's read batch, gathered in one loop-wide direct buffer and
 * written with one system call as soon as the batch is handled. A reply only goes into the
 * connection's own queue (pooled chunks) if the batch fills up or the socket does not take it
 * all, so the common request and reply copies nothing more and holds no memory between turns.
 */
final class ReplyBatch {
    static final int BYTES = 128 * 1024;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BYTES);
    private Connection owner;

    void begin(Connection connection) {
        owner = connection;
        buffer.clear();
    }

    boolean isFree() {
        return owner == null;
    }

    boolean isFor(Connection connection) {
        return owner == connection;
    }

    /** Copies all of {@code src} in, or nothing if it does not fit. */
    boolean append(ByteBuffer src) {
        if (src.remaining() > buffer.remaining()) {
            return false;
        }
        buffer.put(src);
        return true;
    }

    /** Takes what was gathered so far out of the batch (it keeps its owner). */
    ByteBuffer drain() {
        return buffer.flip();
    }

    void reset() {
        buffer.clear();
    }

    void end() {
        owner = null;
        buffer.clear();
    }
}
