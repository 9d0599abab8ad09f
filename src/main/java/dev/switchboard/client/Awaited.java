package dev.switchboard.client;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Replies the input thread waits for while the printer thread shows them: done when
 * {@code count} replies that answer have arrived, or the connection closed (released).
 */
final class Awaited {
    private final Predicate<Reply> answers;
    private final CountDownLatch remaining;

    Awaited(Predicate<Reply> answers, int count) {
        this.answers = answers;
        this.remaining = new CountDownLatch(count);
    }

    boolean answeredBy(Reply reply) {
        return answers.test(reply);
    }

    void countDown() {
        remaining.countDown();
    }

    /** The connection closed: nothing more will come. */
    void release() {
        while (remaining.getCount() > 0) {
            remaining.countDown();
        }
    }

    /** False if the time ran out first. */
    boolean await(long timeoutMillis) throws InterruptedException {
        return remaining.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
