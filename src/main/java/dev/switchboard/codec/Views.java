package dev.switchboard.codec;

import java.nio.ByteBuffer;

/**
 * Windows onto a decoder's input, reused so that decoding allocates nothing per message.
 *
 * <p>A message is valid only while it is being handled, and the loop handles one at a time, so
 * one window per service is enough. It is kept only for a direct buffer (the loop's shared
 * read buffer, where every whole message normally sits); a message in a connection's own heap
 * buffer (one that arrived in pieces) gets a fresh slice, so no window keeps such a buffer alive
 * after its connection has let it go. Loop thread only.
 */
public final class Views {
    private ByteBuffer source;
    private ByteBuffer window;

    /** Bytes {@code [start, end)} of {@code in} as a buffer positioned at them. */
    public ByteBuffer of(ByteBuffer in, int start, int end) {
        if (in != source) {
            if (!in.isDirect()) {
                return in.slice(start, end - start);
            }
            source = in;
            window = in.duplicate();
        }
        window.limit(window.capacity()).position(start);
        window.limit(end);
        return window;
    }
}
