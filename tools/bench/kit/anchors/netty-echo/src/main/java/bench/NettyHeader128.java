package bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * header128 anchor server (the project's header128 protocol), written the usual Netty way.
 *
 * Usage: java -cp netty-echo.jar bench.NettyHeader128 [port=5050] [transport=nio|epoll] [threads=1]
 *
 * Every message: a 128-byte header holding the payload length as ASCII decimal
 * (space padded; leading spaces and NUL padding accepted), then the payload.
 * Pipeline per connection: Header128Decoder (a ByteToMessageDecoder that emits
 * each payload as a retained slice, or one BadHeader) -> Header128Handler.
 *
 *   any message    -> reply message "Msg received"
 *   "!DISCONNECT!" -> reply, then close
 *   bad header     -> reply message "ERROR ...", then close
 *
 * Replies are pooled buffers written with ctx.write() and flushed once per read
 * batch in channelReadComplete().
 */
public final class NettyHeader128 {

    static final int HEADER = 128;
    static final int MAX_PAYLOAD = 1024 * 1024;
    private static final byte[] ACK = message("Msg received");
    private static final ByteBuf DISCONNECT =
            Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer("!DISCONNECT!".getBytes(StandardCharsets.US_ASCII)));

    private NettyHeader128() {
    }

    /** header + UTF-8 payload as one byte array */
    static byte[] message(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] len = Integer.toString(payload.length).getBytes(StandardCharsets.US_ASCII);
        byte[] m = new byte[HEADER + payload.length];
        Arrays.fill(m, 0, HEADER, (byte) ' ');
        System.arraycopy(len, 0, m, 0, len.length);
        System.arraycopy(payload, 0, m, HEADER, payload.length);
        return m;
    }

    /** what the decoder emits (once) when a header is not an acceptable length */
    record BadHeader(String reason) {
    }

    static final class Header128Decoder extends ByteToMessageDecoder {
        private int payloadLength = -1; // -1: waiting for a header
        private boolean failed;

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (failed) {
                in.skipBytes(in.readableBytes());
                return;
            }
            if (payloadLength < 0) {
                if (in.readableBytes() < HEADER) {
                    return;
                }
                String bad = parseLength(in, in.readerIndex());
                if (bad != null) {
                    failed = true;
                    in.skipBytes(in.readableBytes());
                    out.add(new BadHeader(bad));
                    return;
                }
                in.skipBytes(HEADER);
            }
            if (in.readableBytes() < payloadLength) {
                return;
            }
            out.add(in.readRetainedSlice(payloadLength));
            payloadLength = -1;
        }

        /** sets payloadLength from the header at index, or returns why the header is not acceptable */
        private String parseLength(ByteBuf in, int index) {
            int start = index;
            int end = index + HEADER;
            while (start < end && isPad(in.getByte(start))) {
                start++;
            }
            while (end > start && isPad(in.getByte(end - 1))) {
                end--;
            }
            if (start == end) {
                return "empty header, expected a decimal payload length";
            }
            long value = 0;
            for (int i = start; i < end; i++) {
                byte b = in.getByte(i);
                if (b < '0' || b > '9') {
                    return "header is not a decimal number";
                }
                if (value <= MAX_PAYLOAD) {
                    value = value * 10 + (b - '0');
                }
            }
            if (value > MAX_PAYLOAD) {
                return "payload length " + in.toString(start, end - start, StandardCharsets.US_ASCII)
                        + " is above the limit of " + MAX_PAYLOAD + " bytes";
            }
            payloadLength = (int) value;
            return null;
        }

        private static boolean isPad(byte b) {
            return b == ' ' || b == 0;
        }
    }

    static final class Header128Handler extends ChannelInboundHandlerAdapter {
        /** set once !DISCONNECT! or a bad header was answered: later messages of the same read are dropped */
        private boolean closing;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (closing) {
                if (msg instanceof ByteBuf buf) {
                    buf.release();
                }
                return;
            }
            if (msg instanceof ByteBuf payload) {
                boolean disconnect;
                try {
                    disconnect = ByteBufUtil.equals(payload, DISCONNECT);
                } finally {
                    payload.release();
                }
                ByteBuf reply = ctx.alloc().buffer(ACK.length).writeBytes(ACK);
                if (disconnect) {
                    closeAfter(ctx, reply);
                } else {
                    ctx.write(reply);
                }
            } else if (msg instanceof BadHeader bad) {
                byte[] m = message("ERROR " + bad.reason());
                closeAfter(ctx, ctx.alloc().buffer(m.length).writeBytes(m));
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** stop reading, send everything written so far plus the last reply, then close */
        private void closeAfter(ChannelHandlerContext ctx, ByteBuf last) {
            closing = true;
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        }
    }

    public static void main(String[] args) throws Exception {
        NettyServerRunner.run("netty-header128", args, 5050, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new Header128Decoder(), new Header128Handler());
            }
        });
    }
}
