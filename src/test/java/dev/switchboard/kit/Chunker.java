package dev.switchboard.kit;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Feeds a byte stream to a decoder in chosen slices, as the reactor would (appending to what
 * is left, decoding every whole message, offering {@code drained} after each slice when asked),
 * and collects what comes out, each message turned into a comparable value.
 */
public final class Chunker {
    private Chunker() {}

    public static <F, V> List<V> decode(
            FrameDecoder<F> decoder, byte[] stream, int[] sliceSizes, boolean drainAfterSlice, Function<F, V> value)
            throws FrameException {
        List<V> out = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(stream.length + 1);
        buffer.flip();
        int offset = 0;
        for (int size : sliceSizes) {
            buffer.compact();
            buffer.put(stream, offset, size);
            buffer.flip();
            offset += size;
            F message;
            while ((message = decoder.decode(buffer)) != null) {
                out.add(value.apply(message));
            }
            if (drainAfterSlice) {
                F last = decoder.drained(buffer, false);
                if (last != null) {
                    out.add(value.apply(last));
                }
            }
        }
        if (offset != stream.length) {
            throw new IllegalArgumentException("slices cover " + offset + " of " + stream.length + " bytes");
        }
        return out;
    }

    public static int[] whole(int length) {
        return new int[] {length};
    }

    public static int[] byteByByte(int length) {
        int[] sizes = new int[length];
        java.util.Arrays.fill(sizes, 1);
        return sizes;
    }

    /** Two slices, split at {@code at}. */
    public static int[] splitAt(int length, int at) {
        return new int[] {at, length - at};
    }

    public static int[] random(int length, long seed) {
        Random random = new Random(seed);
        List<Integer> sizes = new ArrayList<>();
        int left = length;
        while (left > 0) {
            int size = Math.min(left, 1 + random.nextInt(Math.max(1, Math.min(left, 64))));
            sizes.add(size);
            left -= size;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    public static String text(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return new String(copy, java.nio.charset.StandardCharsets.UTF_8);
    }
}
