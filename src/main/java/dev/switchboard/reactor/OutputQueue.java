package dev.switchboard.reactor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Bytes waiting to go to one client: a queue of pooled chunks, written with one gathering
 * write. Empty, it holds no memory, so an idle connection costs nothing here.
 */
final class OutputQueue {
    private final BufferPool pool;
    private final Counters counters;
    /** Chunks in read mode, but for {@link #tail}, which is in write mode until it is full. */
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>(2);

    private ByteBuffer tail;
    private long pendingBytes;

    OutputQueue(BufferPool pool) {
        this(pool, new Counters());
    }

    /** {@code counters} keeps the loop-wide sum of pending output, for the metrics gauge. */
    OutputQueue(BufferPool pool, Counters counters) {
        this.pool = pool;
        this.counters = counters;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    boolean isEmpty() {
        return pendingBytes == 0;
    }

    /** Copies {@code src}'s remaining bytes in, consuming them. */
    void append(ByteBuffer src) {
        int n = src.remaining();
        while (src.hasRemaining()) {
            if (tail == null || !tail.hasRemaining()) {
                if (tail != null) {
                    // Only the tail is in write mode; a full one joins the others in read mode.
                    tail.flip();
                }
                tail = pool.acquire();
                chunks.addLast(tail);
            }
            int take = Math.min(tail.remaining(), src.remaining());
            int oldLimit = src.limit();
            src.limit(src.position() + take);
            tail.put(src);
            src.limit(oldLimit);
        }
        pendingBytes += n;
        counters.pendingOutputBytes += n;
    }

    /** Writes as much as the socket takes; returns the number of bytes written. */
    long writeTo(Transport channel) throws IOException {
        if (pendingBytes == 0) {
            return 0;
        }
        // One array for the whole loop: an idle connection should not carry 64 slots.
        ByteBuffer[] gather = pool.gatherArray();
        int count = 0;
        for (ByteBuffer chunk : chunks) {
            if (count == gather.length) {
                break;
            }
            if (chunk == tail) {
                chunk.flip();
            }
            gather[count++] = chunk;
        }
        long written;
        try {
            written = channel.write(gather, 0, count);
        } finally {
            if (tail != null && gather[count - 1] == tail) {
                // Make the tail appendable again: compact keeps unwritten bytes at the front.
                tail.compact();
            }
            Arrays.fill(gather, 0, count, null);
        }
        pendingBytes -= written;
        counters.pendingOutputBytes -= written;
        while (!chunks.isEmpty()) {
            ByteBuffer head = chunks.peekFirst();
            boolean drained = head == tail ? head.position() == 0 : !head.hasRemaining();
            if (!drained) {
                break;
            }
            chunks.pollFirst();
            if (head == tail) {
                tail = null;
            }
            pool.release(head);
        }
        return written;
    }

    /** Drops everything queued (the connection is closing hard). */
    void clear() {
        for (ByteBuffer chunk : chunks) {
            pool.release(chunk);
        }
        chunks.clear();
        tail = null;
        counters.pendingOutputBytes -= pendingBytes;
        pendingBytes = 0;
    }
}
