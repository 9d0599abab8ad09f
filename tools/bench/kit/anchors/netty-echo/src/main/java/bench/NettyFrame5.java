package bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.charset.StandardCharsets;

/**
 * frame5 anchor server (the project's frame5 protocol), written the usual Netty way.
 *
 * Usage: java -cp netty-echo.jar bench.NettyFrame5 [port=65432] [transport=nio|epoll] [threads=1]
 *
 * Every message: u8 command, u32 big-endian payload length, payload.
 * Pipeline per connection:
 *   LengthFieldBasedFrameDecoder(5 + 1 MiB, offset 1, length 4, adjustment 0, strip 0, failFast)
 *     -> Frame5Handler
 * The decoder hands over whole frames (header included) as retained slices of
 * its cumulation buffer. Replies are written with ctx.write() and flushed once
 * per read batch in channelReadComplete().
 *
 *   1 ECHO    -> the received frame itself is the reply (same command, same
 *                length, same payload), so it is written back without a copy
 *   2 REVERSE -> command 2, payload reversed by code point; invalid UTF-8 -> ERROR
 *   3 QUIT    -> command 3, empty payload, then close
 *   other     -> 0xFF ERROR with a text; the connection stays open
 *   length > 1 MiB -> 0xFF ERROR, then close
 */
public final class NettyFrame5 {

    static final int HEADER = 5;
    static final int MAX_PAYLOAD = 1024 * 1024;
    static final int ECHO = 1;
    static final int REVERSE = 2;
    static final int QUIT = 3;
    static final int ERROR = 0xFF;

    private NettyFrame5() {
    }

    static final class Frame5Handler extends ChannelInboundHandlerAdapter {
        /** set once QUIT or a fatal error was answered: later frames of the same read are dropped */
        private boolean closing;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg; // whole frame: 5-byte header + payload
            if (closing) {
                frame.release();
                return;
            }
            int command = frame.getUnsignedByte(frame.readerIndex());
            switch (command) {
                case ECHO -> ctx.write(frame); // released by the outbound path once written
                case REVERSE -> {
                    try {
                        ctx.write(reverse(ctx, frame));
                    } finally {
                        frame.release();
                    }
                }
                case QUIT -> {
                    frame.release();
                    closeAfter(ctx, reply(ctx, QUIT, ""));
                }
                default -> {
                    frame.release();
                    ctx.write(reply(ctx, ERROR, "unknown command " + command));
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException && !closing) {
                // failFast: raised as soon as the 5-byte header is in, before the payload arrives
                closeAfter(ctx, reply(ctx, ERROR, "payload length above the limit of " + MAX_PAYLOAD
                        + " bytes (" + cause.getMessage() + ", 5-byte header included)"));
            } else {
                ctx.close();
            }
        }

        /** stop reading, send everything written so far plus the last reply, then close */
        private void closeAfter(ChannelHandlerContext ctx, ByteBuf last) {
            closing = true;
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        }

        private static ByteBuf reverse(ChannelHandlerContext ctx, ByteBuf frame) {
            ByteBuf payload = frame.slice(frame.readerIndex() + HEADER, frame.readableBytes() - HEADER);
            if (!ByteBufUtil.isText(payload, StandardCharsets.UTF_8)) {
                return reply(ctx, ERROR, "REVERSE payload is not valid UTF-8");
            }
            // StringBuilder.reverse() keeps surrogate pairs in order, i.e. reverses by code point
            String reversed = new StringBuilder(payload.toString(StandardCharsets.UTF_8)).reverse().toString();
            return reply(ctx, REVERSE, reversed);
        }

        /** a pooled buffer holding one whole frame with a UTF-8 text payload */
        private static ByteBuf reply(ChannelHandlerContext ctx, int command, CharSequence text) {
            int len = ByteBufUtil.utf8Bytes(text);
            ByteBuf out = ctx.alloc().buffer(HEADER + len);
            out.writeByte(command);
            out.writeInt(len);
            ByteBufUtil.writeUtf8(out, text);
            return out;
        }
    }

    public static void main(String[] args) throws Exception {
        NettyServerRunner.run("netty-frame5", args, 65432, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(
                        new LengthFieldBasedFrameDecoder(HEADER + MAX_PAYLOAD, 1, 4, 0, 0, true),
                        new Frame5Handler());
            }
        });
    }
}
