package dev.switchboard.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LfTest {
    private static int naive(ByteBuffer in, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsTheFirstLfAtEveryPositionInEitherByteOrderAndOnHeapOrDirect() {
        for (ByteBuffer buffer : new ByteBuffer[] {ByteBuffer.allocate(40), ByteBuffer.allocateDirect(40)}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                buffer.order(order);
                for (int lf = 0; lf < 40; lf++) {
                    for (int i = 0; i < 40; i++) {
                        // 0x0B and 0x8A are one bit away from LF: a sloppy test would match them.
                        buffer.put(i, (byte) (i % 2 == 0 ? 0x0B : 0x8A));
                    }
                    buffer.put(lf, (byte) '\n');
                    if (lf + 3 < 40) {
                        buffer.put(lf + 3, (byte) '\n');
                    }
                    for (int from = 0; from <= 40; from += 3) {
                        for (int to = from; to <= 40; to += 5) {
                            assertEquals(
                                    naive(buffer, from, to),
                                    Lf.indexOf(buffer, from, to),
                                    order + " lf=" + lf + " from=" + from + " to=" + to);
                        }
                    }
                }
            }
        }
    }

    @Test
    void agreesWithAByteAtATimeScanOnRandomBytes() {
        Random random = new Random(7);
        ByteBuffer buffer = ByteBuffer.allocate(300);
        for (int round = 0; round < 2000; round++) {
            for (int i = 0; i < buffer.capacity(); i++) {
                // Mostly bytes near LF and zero bytes, where borrow tricks go wrong.
                int pick = random.nextInt(10);
                buffer.put(i, (byte)
                        (pick == 0 ? '\n' : pick < 4 ? 0 : pick < 6 ? 0x09 + random.nextInt(3) : random.nextInt(256)));
            }
            int from = random.nextInt(300);
            int to = from + random.nextInt(301 - from);
            assertEquals(naive(buffer, from, to), Lf.indexOf(buffer, from, to));
        }
    }
}
