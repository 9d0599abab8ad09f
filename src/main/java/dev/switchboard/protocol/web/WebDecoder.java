package dev.switchboard.protocol.web;

import dev.switchboard.codec.FrameDecoder;
import dev.switchboard.codec.FrameException;
import dev.switchboard.codec.Views;
import dev.switchboard.codec.http.HttpRequest;
import dev.switchboard.codec.http.HttpRequestDecoder;
import dev.switchboard.codec.ws.WsFrame;
import dev.switchboard.codec.ws.WsFrameDecoder;
import java.nio.ByteBuffer;

/**
 * One web connection's input: HTTP request heads until the service accepts a WebSocket
 * upgrade, WebSocket frames after it. Broken framing is handed on as a {@link Failure}
 * message (not thrown) so the service can answer in the right tongue, a 400 or a close code;
 * the connection is closing then, so the rest of the input is dropped with it.
 */
final class WebDecoder implements FrameDecoder<Object> {
    /** A request head, with the decoder to switch if the service accepts an upgrade. */
    record Request(HttpRequest request, WebDecoder decoder) {}

    /** Broken input: {@code closeCode} is 0 in the HTTP phase, else the WebSocket close code. */
    record Failure(int closeCode, String reason) {}

    private HttpRequestDecoder http = new HttpRequestDecoder();
    private WsFrameDecoder frames;

    @Override
    public Object decode(ByteBuffer in) {
        try {
            if (frames != null) {
                return frames.decode(in);
            }
            HttpRequest request = http.decode(in);
            return request == null ? null : new Request(request, this);
        } catch (FrameException e) {
            in.position(in.limit());
            return new Failure(frames == null ? 0 : frames.closeCode(), e.getMessage());
        }
    }

    /** From the next byte on, the input is WebSocket frames. */
    void upgrade(int maxMessageBytes, WsFrame reused, Views views) {
        http = null;
        frames = new WsFrameDecoder(maxMessageBytes, reused, views);
    }
}
