package dev.switchboard.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ViewsTest {

    @Test
    void windowsOntoTheSharedDirectBufferAreReused() {
        ByteBuffer shared = ByteBuffer.allocateDirect(32)
                .put("hello world".getBytes(StandardCharsets.US_ASCII))
                .flip();
        Views views = new Views();
        ByteBuffer first = views.of(shared, 0, 5);
        assertEquals("hello", text(first));
        first.position(first.limit());
        ByteBuffer second = views.of(shared, 6, 11);
        assertSame(first, second, "no allocation per message");
        assertEquals("world", text(second));
        assertEquals(0, shared.position(), "the input's own position is untouched");
    }

    @Test
    void aHeapBufferGetsAFreshSliceSoNothingKeepsItAlive() {
        ByteBuffer own = ByteBuffer.wrap("abcdef".getBytes(StandardCharsets.US_ASCII));
        Views views = new Views();
        ByteBuffer a = views.of(own, 1, 3);
        ByteBuffer b = views.of(own, 3, 6);
        assertNotSame(a, b);
        assertEquals("bc", text(a));
        assertEquals("def", text(b));
    }

    @Test
    void decodersShareOneFrameAndViewWithoutAllocating() throws FrameException {
        Views views = new Views();
        Frame5 reused = new Frame5(0, null);
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        in.put(new byte[] {1, 0, 0, 0, 2, 'h', 'i', 2, 0, 0, 0, 1, 'x'}).flip();
        Frame5Decoder decoder = new Frame5Decoder(100, reused, views);
        Frame5 one = decoder.decode(in);
        assertEquals("1:hi", one.command() + ":" + text(one.payload()));
        Frame5 two = decoder.decode(in);
        assertSame(one, two);
        assertEquals("2:x", two.command() + ":" + text(two.payload()));
    }

    private static String text(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return new String(out, StandardCharsets.US_ASCII);
    }
}
