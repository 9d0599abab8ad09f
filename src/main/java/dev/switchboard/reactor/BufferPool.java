package dev.switchboard.reactor;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Fixed-size direct buffers for pending output, reused so that steady traffic allocates
 * nothing. The free list is capped: a burst that needed more returns the extra to the GC.
 * Loop thread only.
 */
final class BufferPool {
    static final int CHUNK_BYTES = 16 * 1024;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final int maxFree;

    BufferPool(int maxFree) {
        this.maxFree = maxFree;
    }

    ByteBuffer acquire() {
        ByteBuffer b = free.pollLast();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(CHUNK_BYTES);
    }

    void release(ByteBuffer b) {
        if (free.size() < maxFree) {
            free.addLast(b);
        }
    }
}
