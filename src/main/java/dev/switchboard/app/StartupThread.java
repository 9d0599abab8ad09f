package dev.switchboard.app;

/**
 * A one-shot daemon thread of start-up's (reading the TLS files, setting up tinylog or the JDK's
 * security providers): work that would otherwise stand between exec and the listening lines, or
 * fall on the loop later. Each ends on its own; none serves a client.
 */
final class StartupThread {
    private StartupThread() {}

    static void start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
