package dev.switchboard.codec;

import java.nio.ByteBuffer;

/**
 * Seed 001's binary framing, the same in both directions.
 *
 * <pre>
 * +---------+---------------------+------------------+
 * | command | payload length      | payload          |
 * | u8      | u32, big-endian     | length bytes     |
 * +---------+---------------------+------------------+
 * </pre>
 *
 * The length is read unsigned (a long, so 2^31 and up never turn negative) and checked
 * against the limit as soon as the header is in, before a byte of payload is buffered.
 */
public final class Frame5Decoder implements FrameDecoder<Frame5> {
    private final int maxPayloadBytes;
    private final Frame5 frame;
    private final Views views;

    public Frame5Decoder(int maxPayloadBytes) {
        this(maxPayloadBytes, new Frame5(0, null), new Views());
    }

    /** With a frame and views shared by every decoder of one service (nothing allocated per frame). */
    public Frame5Decoder(int maxPayloadBytes, Frame5 reused, Views views) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.frame = reused;
        this.views = views;
    }

    @Override
    public Frame5 decode(ByteBuffer in) throws FrameException {
        int start = in.position();
        if (in.remaining() < Frame5.HEADER_BYTES) {
            return null;
        }
        int command = in.get(start) & 0xFF;
        long length = in.getInt(start + 1) & 0xFFFF_FFFFL;
        if (length > maxPayloadBytes) {
            throw new FrameException(
                    "payload length " + length + " exceeds the limit of " + maxPayloadBytes + " bytes");
        }
        int total = Frame5.HEADER_BYTES + (int) length;
        if (in.remaining() < total) {
            return null;
        }
        in.position(start + total);
        return frame.set(command, views.of(in, start + Frame5.HEADER_BYTES, start + total));
    }
}
