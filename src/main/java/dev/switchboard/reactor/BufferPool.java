package dev.switchboard.reactor;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Fixed-size chunks for replies a client has not taken yet, reused so that steady traffic
 * allocates nothing. At most {@code maxDirect} chunks are direct memory (kept and reused);
 * past that a burst gets heap chunks, which the GC reclaims cheaply, where more direct buffers
 * would make the JDK stall in its direct-memory reclaim. Loop thread only.
 */
final class BufferPool {
    static final int CHUNK_BYTES = 16 * 1024;
    /** Chunks handed to one gathering write at most (the kernel takes ~4 MiB at a time). */
    private static final int MAX_GATHER = 64;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private final int maxDirect;
    private int direct;

    BufferPool(int maxDirect) {
        this.maxDirect = maxDirect;
    }

    ByteBuffer acquire() {
        ByteBuffer b = free.pollLast();
        if (b != null) {
            return b.clear();
        }
        if (direct < maxDirect) {
            direct++;
            return ByteBuffer.allocateDirect(CHUNK_BYTES);
        }
        return ByteBuffer.allocate(CHUNK_BYTES);
    }

    /** Scratch array for one gathering write; left full of nulls by its user. */
    ByteBuffer[] gatherArray() {
        return gather;
    }

    void release(ByteBuffer b) {
        if (b.isDirect()) {
            free.addLast(b);
        }
    }
}
