package dev.switchboard.protocol.chat;

import dev.switchboard.reactor.EventLoop;
import java.util.concurrent.Executor;

/** What the chat needs of its event loop: a way back in, delayed tasks and the time. */
public interface ChatLoop extends Executor {

    /** Runs {@code task} on the loop thread after {@code delayNanos}; loop thread only. */
    void schedule(long delayNanos, Runnable task);

    long nanoTime();

    static ChatLoop of(EventLoop loop) {
        return new ChatLoop() {
            @Override
            public void execute(Runnable task) {
                loop.execute(task);
            }

            @Override
            public void schedule(long delayNanos, Runnable task) {
                loop.schedule(delayNanos, task);
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
    }
}
