package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputQueueTest {

    /** A channel that takes at most {@code perWrite} bytes per call, like a full socket buffer. */
    private static final class SlowChannel implements Transport {
        final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        int perWrite;

        SlowChannel(int perWrite) {
            this.perWrite = perWrite;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length && n < perWrite; i++) {
                while (srcs[i].hasRemaining() && n < perWrite) {
                    taken.write(srcs[i].get());
                    n++;
                }
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            return (int) write(new ByteBuffer[] {src}, 0, 1);
        }

        @Override
        public int read(ByteBuffer dst) {
            return 0;
        }

        @Override
        public void shutdownOutput() {}

        @Override
        public void close() {}
    }

    @Test
    void bytesLeaveInOrderWhateverTheWriteSizesAndAppendsInterleave() throws Exception {
        Random random = new Random(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        OutputQueue q = new OutputQueue(new BufferPool(4));
        SlowChannel channel = new SlowChannel(1);
        for (int round = 0; round < 300; round++) {
            byte[] chunk = new byte[random.nextInt(40_000)];
            random.nextBytes(chunk);
            expected.writeBytes(chunk);
            q.append(ByteBuffer.wrap(chunk));
            channel.perWrite = 1 + random.nextInt(50_000);
            q.writeTo(channel);
        }
        channel.perWrite = Integer.MAX_VALUE;
        while (!q.isEmpty()) {
            q.writeTo(channel);
        }
        assertEquals(0, q.pendingBytes());
        assertArrayEquals(expected.toByteArray(), channel.taken.toByteArray());
        assertTrue(expected.size() > 1_000_000);
    }
}
