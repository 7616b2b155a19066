package dev.mercato.testsupport.net;

import dev.mercato.testsupport.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy in front of one {@code host:port} whose faults a test switches at runtime, to see a client cope with a
 * dependency that hangs, refuses, drops its connections or answers slowly — without touching the dependency. Point the
 * client at {@link #port()} instead of the dependency.
 *
 * <p>Hand-written (plain sockets, two virtual threads per connection): Toxiproxy, the usual tool, is a separate Go
 * server that these machines do not have, and we found no maintained Java library that does this in-process.
 */
public final class FaultProxy implements AutoCloseable {

    /** What happens to traffic. Latency comes on top of {@link #PASS_THROUGH}. */
    public enum Mode {
        PASS_THROUGH,
        /** Connections are accepted, nothing is forwarded either way; bytes are held, as during a partition. */
        BLACKHOLE,
        /** New connections are closed as soon as they are accepted; open ones carry on. */
        REFUSE
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition modeChanged = lock.newCondition();
    private volatile Mode mode = Mode.PASS_THROUGH;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
    }

    /** A proxy to {@code host:port}, listening on a free port of 127.0.0.1 and passing traffic through. */
    public static FaultProxy to(String host, int port) {
        try {
            ServerSocket listener = listen();
            FaultProxy proxy = new FaultProxy(InetSocketAddress.createUnresolved(host, port), listener);
            Thread.ofVirtual().name("fault-proxy-" + listener.getLocalPort()).start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a local port for the proxy to " + host + ":" + port, e);
        }
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public Mode mode() {
        return mode;
    }

    public int openConnections() {
        return links.size();
    }

    /** Accept connections but forward nothing, on new and open connections alike: a hung dependency. */
    public FaultProxy blackhole() {
        return switchTo(Mode.BLACKHOLE);
    }

    /** Close new connections as soon as they are accepted: a dependency that is down. */
    public FaultProxy refuse() {
        return switchTo(Mode.REFUSE);
    }

    /** Delay every chunk forwarded, in both directions, by {@code delay}; zero turns it off. */
    public FaultProxy latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + delay);
        }
        this.latency = delay;
        return this;
    }

    /** Drop every open connection at once (reset, as in a crash); new connections follow the current mode. */
    public FaultProxy cutAll() {
        List.copyOf(links).forEach(Link::cut);
        return this;
    }

    /** Back to plain pass-through without latency; bytes held by a blackhole are delivered. */
    public FaultProxy restore() {
        latency = Duration.ZERO;
        return switchTo(Mode.PASS_THROUGH);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cutAll();
        wakeHeldConnections();
    }

    /**
     * On a port below the kernel's ephemeral range: once the proxy is closed, a connection attempt to a port of that
     * range can be given the same port as its own source port and connect to itself (a TCP simultaneous open on
     * loopback), which made "nothing listens any more" flaky.
     */
    private static ServerSocket listen() throws IOException {
        BindException taken = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return new ServerSocket(ServiceProcess.freePort(), 50, InetAddress.getLoopbackAddress());
            } catch (BindException e) {
                taken = e; // bound by someone else since it was found free
            }
        }
        throw taken;
    }

    private FaultProxy switchTo(Mode next) {
        lock.lock();
        try {
            mode = Objects.requireNonNull(next);
            modeChanged.signalAll();
        } finally {
            lock.unlock();
        }
        return this;
    }

    private void wakeHeldConnections() {
        lock.lock();
        try {
            modeChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (mode == Mode.REFUSE) {
                    Link.reset(client);
                } else {
                    Thread.ofVirtual()
                            .name("fault-proxy-" + port() + "-connect")
                            .start(() -> open(client));
                }
            } catch (IOException e) {
                if (!closed) {
                    pause(); // e.g. out of file descriptors: try again shortly
                }
            }
        }
    }

    private void open(Socket client) {
        Link link = new Link(client, this);
        links.add(link);
        try {
            // held while blackholed; refused if the proxy refuses by then
            if (!awaitPassable(link) || mode == Mode.REFUSE) {
                link.cut();
                return;
            }
            Socket upstream = new Socket();
            upstream.connect(
                    new InetSocketAddress(target.getHostString(), target.getPort()), (int) CONNECT_TIMEOUT.toMillis());
            link.start(upstream);
        } catch (IOException e) {
            link.cut();
        }
    }

    /** Waits while the proxy is blackholed; false when the connection was cut or the proxy closed meanwhile. */
    boolean awaitPassable(Link link) {
        lock.lock();
        try {
            while (mode == Mode.BLACKHOLE && !closed && !link.isCut()) {
                modeChanged.await();
            }
            return !closed && !link.isCut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    Duration latency() {
        return latency;
    }

    void forget(Link link) {
        links.remove(link);
        wakeHeldConnections(); // a link held by a blackhole sees it was cut
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
