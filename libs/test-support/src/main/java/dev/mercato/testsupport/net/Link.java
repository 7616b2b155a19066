package dev.mercato.testsupport.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One client connection through a {@link FaultProxy}: a virtual thread per direction, each honouring the faults. */
final class Link {

    private final Socket client;
    private final FaultProxy proxy;
    private final AtomicBoolean cut = new AtomicBoolean();
    private final AtomicInteger openDirections = new AtomicInteger(2);
    private volatile Socket upstream;

    Link(Socket client, FaultProxy proxy) {
        this.client = client;
        this.proxy = proxy;
    }

    void start(Socket upstream) {
        this.upstream = upstream;
        if (isCut()) {
            reset(upstream);
            return;
        }
        Thread.ofVirtual().name("fault-proxy-" + proxy.port() + "-up").start(() -> pump(client, upstream));
        Thread.ofVirtual().name("fault-proxy-" + proxy.port() + "-down").start(() -> pump(upstream, client));
    }

    boolean isCut() {
        return cut.get();
    }

    /** Drops the connection on both sides with a reset. */
    void cut() {
        if (cut.compareAndSet(false, true)) {
            reset(client);
            Socket connected = upstream;
            if (connected != null) {
                reset(connected);
            }
            proxy.forget(this);
        }
    }

    /** Both sides closed their end: close normally. */
    private void finish() {
        if (cut.compareAndSet(false, true)) {
            close(client);
            close(upstream);
            proxy.forget(this);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!proxy.awaitPassable(this)) {
                    cut();
                    return;
                }
                Duration delay = proxy.latency();
                if (delay.isPositive()) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput(); // pass the half-close on
            if (openDirections.decrementAndGet() == 0) {
                finish();
            }
        } catch (IOException e) {
            cut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cut();
        }
    }

    static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // nothing to reset
        }
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
