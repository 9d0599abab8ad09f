package dev.switchboard.reactor;

/**
 * The reactor's limits, all from the command line.
 *
 * @param maxInputBytes        largest partial message a connection may buffer (header + frame)
 * @param maxPendingOutputBytes output queued for one client before it is paused (or, for
 *                              protocols that ask for it, disconnected)
 * @param maxConnections       open connections across all listeners
 * @param frameTimeoutNanos    a partial message must complete within this; 0 = never
 * @param idleTimeoutNanos     no traffic at all for this long closes; 0 = never
 */
public record Limits(
        int maxInputBytes,
        int maxPendingOutputBytes,
        int maxConnections,
        long frameTimeoutNanos,
        long idleTimeoutNanos) {}
