package dev.switchboard.reactor.tls;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * A real server engine whose delegated tasks never return until {@link #release} (a key
 * manager that blocks on a token, say). Like the JDK's, a task holds the engine's lock while it
 * runs, so a loop that touched this engine meanwhile would block with it.
 */
final class StuckTaskEngine extends SSLEngine {
    private final SSLEngine engine;
    private final CountDownLatch gate;
    private final CountDownLatch entered;
    private final ReentrantLock lock = new ReentrantLock();

    /** {@code entered} counts down when a task has taken the lock and begun to wait. */
    StuckTaskEngine(SSLEngine engine, CountDownLatch gate, CountDownLatch entered) {
        this.engine = engine;
        this.gate = gate;
        this.entered = entered;
    }

    private <T> T locked(Supplier<T> call) {
        lock.lock();
        try {
            return call.get();
        } finally {
            lock.unlock();
        }
    }

    private interface SslCall {
        SSLEngineResult call() throws SSLException;
    }

    private SSLEngineResult lockedSsl(SslCall call) throws SSLException {
        lock.lock();
        try {
            return call.call();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Runnable getDelegatedTask() {
        Runnable task = locked(engine::getDelegatedTask);
        if (task == null) {
            return null;
        }
        return () -> {
            lock.lock();
            try {
                entered.countDown();
                gate.await();
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        };
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        return lockedSsl(() -> engine.wrap(srcs, offset, length, dst));
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        return lockedSsl(() -> engine.unwrap(src, dsts, offset, length));
    }

    @Override
    public void closeInbound() throws SSLException {
        lock.lock();
        try {
            engine.closeInbound();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isInboundDone() {
        return locked(engine::isInboundDone);
    }

    @Override
    public void closeOutbound() {
        locked(() -> {
            engine.closeOutbound();
            return null;
        });
    }

    @Override
    public boolean isOutboundDone() {
        return locked(engine::isOutboundDone);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return locked(engine::getSession);
    }

    @Override
    public void beginHandshake() throws SSLException {
        lock.lock();
        try {
            engine.beginHandshake();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        return locked(engine::getHandshakeStatus);
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean create) {
        engine.setEnableSessionCreation(create);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }
}
