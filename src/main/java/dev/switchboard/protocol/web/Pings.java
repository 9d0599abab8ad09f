package dev.switchboard.protocol.web;

import dev.switchboard.reactor.EventLoop;
import dev.switchboard.reactor.Seconds;

/**
 * Finds browsers that went away without a word (a laptop lid shut, a phone out of range): a
 * TCP connection can stay "open" for hours then. Every interval each member is pinged; one
 * that has sent nothing at all since the last round's ping, not even the pong, is closed. One
 * timer for all members, running only while there are any; the members form an intrusive
 * list (two fields in each), so an idle member costs no map entry. Loop thread only.
 */
final class Pings {
    private final EventLoop loop;
    private final long intervalNanos;
    private WsMember first;
    private int members;
    private EventLoop.Timer timer;

    Pings(EventLoop loop, long intervalNanos) {
        this.loop = loop;
        this.intervalNanos = intervalNanos;
    }

    void add(WsMember m) {
        m.next = first;
        if (first != null) {
            first.previous = m;
        }
        first = m;
        members++;
        if (timer == null && intervalNanos > 0) {
            timer = loop.schedule(intervalNanos, this::round);
        }
    }

    void remove(WsMember m) {
        if (m.previous != null) {
            m.previous.next = m.next;
        } else if (first == m) {
            first = m.next;
        } else {
            return;
        }
        if (m.next != null) {
            m.next.previous = m.previous;
        }
        m.previous = null;
        m.next = null;
        members--;
    }

    private void round() {
        timer = null;
        for (WsMember m = first; m != null; m = m.next) {
            if (m.pingOut && !m.heard) {
                // The disconnect line says it: one line, not two, for a close on a deadline.
                m.closeTimedOut("sent nothing, not even a pong, for " + Seconds.of(intervalNanos) + " s");
            } else {
                m.heard = false;
                m.pingOut = true;
                m.ping();
            }
        }
        if (members > 0) {
            timer = loop.schedule(intervalNanos, this::round);
        }
    }
}
