package dev.mercato.testsupport.rabbitmq;

import dev.mercato.testsupport.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RabbitMQ node of the test's own, on free ports, for tests that stop, restart or kill the broker on purpose — the
 * shared broker on 5672 is never touched. It runs the installed server as the current user with its own node name,
 * ports, Erlang cookie, data, logs and configuration, all in one temporary directory (only epmd is shared). Every
 * {@code rabbitmqctl} call names this node and presents this node's cookie, so none can reach another node.
 *
 * <p>Accepts {@code guest}/{@code guest} on 127.0.0.1, with no plugins. Data survives {@link #restart()},
 * {@link #stop()} and {@link #kill()}; {@link #close()} kills the node and deletes everything.
 */
public final class PrivateRabbit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PrivateRabbit.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final String node;
    private final int port;
    private final Path dir;
    private final Path server;
    private final Path ctl;
    private final Map<String, String> environment;
    private final Thread shutdownHook;
    private volatile Process process;

    private PrivateRabbit(RabbitInstallation installation, Path dir) throws IOException {
        this.dir = dir;
        byte[] id = new byte[4];
        new SecureRandom().nextBytes(id);
        this.node = "mercato-test-" + HexFormat.of().formatHex(id) + "@localhost";
        this.port = ServiceProcess.freePort();
        int distribution = ServiceProcess.freePort();
        while (distribution == port) {
            distribution = ServiceProcess.freePort();
        }
        this.ctl = installation.rabbitmqctl();
        Map<String, String> layout = installation.layOutTrimmedHome(dir.resolve("home"));
        this.server = Path.of(layout.get("RABBITMQ_SCRIPTS_DIR"), "rabbitmq-server");
        this.environment = NodeFiles.write(dir, node, port, distribution, layout);
        this.shutdownHook = new Thread(
                () -> {
                    destroy();
                    Cleanup.deleteTree(dir);
                },
                "stop-" + node);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A new node on free ports, running and accepting AMQP connections when this returns. */
    public static PrivateRabbit start() {
        Cleanup.sweepLeftoversOnce();
        RabbitInstallation installation = RabbitInstallation.locate();
        PrivateRabbit rabbit;
        Path dir = null;
        try {
            dir = Cleanup.newNodeDirectory();
            rabbit = new PrivateRabbit(installation, dir);
        } catch (IOException e) {
            if (dir != null) {
                Cleanup.deleteTree(dir);
            }
            throw new UncheckedIOException("Cannot prepare a directory for a RabbitMQ node", e);
        }
        try {
            rabbit.boot();
            return rabbit;
        } catch (RuntimeException e) {
            rabbit.close();
            throw e;
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String nodeName() {
        return node;
    }

    public String amqpUri() {
        return "amqp://guest:guest@" + HOST + ":" + port;
    }

    /** The node's own log; it goes with {@link #close()}. */
    public Path logFile() {
        return dir.resolve("log").resolve(node + ".log");
    }

    /** Whether the node's Erlang VM runs (the AMQP port may still be closed, see {@link #stopApp()}). */
    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /**
     * Graceful shutdown, as {@code rabbitmqctl stop} does it, but without booting a CLI: SIGTERM, which the server
     * script passes to the node and the node answers by stopping RabbitMQ cleanly. Killed if it takes too long. Data
     * stays for {@link #startAgain()}.
     */
    public synchronized void stop() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        List<ProcessHandle> processes = NodeProcesses.tree(running.toHandle());
        running.destroy();
        try {
            if (!running.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("RabbitMQ node {} still running {} after SIGTERM; killing it", node, EXIT_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        NodeProcesses.killAll(processes); // stragglers, if any
        process = null;
        awaitDown();
    }

    /** Kills the node's processes outright (SIGKILL), as in a crash: no clean shutdown, data as it is on disk. */
    public synchronized void kill() {
        destroy();
        awaitDown();
    }

    /** Starts the node again after {@link #stop()} or {@link #kill()}: same name, ports and data. */
    public synchronized void startAgain() {
        if (isRunning()) {
            throw new IllegalStateException("RabbitMQ node " + node + " is already running");
        }
        boot();
    }

    /** Graceful stop and start again, keeping durable queues and persistent messages. */
    public synchronized void restart() {
        stop();
        boot();
    }

    /** Stops the RabbitMQ application only: clients are disconnected and the port closes, the Erlang VM stays up. */
    public synchronized void stopApp() {
        rabbitmqctl("stop_app");
        await("AMQP port " + port + " closed", () -> !accepts(port));
    }

    /** Starts the application again after {@link #stopApp()}. */
    public synchronized void startApp() {
        rabbitmqctl("start_app");
        await("AMQP port " + port + " open", () -> accepts(port));
    }

    /** Runs {@code rabbitmqctl -n <this node> arguments...} and returns what it printed; fails on a non-zero exit. */
    public String rabbitmqctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(ctl.toString(), "-n", node));
        command.addAll(List.of(arguments));
        String what = "rabbitmqctl " + String.join(" ", arguments) + " on " + node;
        try {
            Path output = Files.createTempFile(dir, "rabbitmqctl-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process cli = builder.start();
            cli.getOutputStream().close();
            if (!cli.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                NodeProcesses.killAll(NodeProcesses.tree(cli.toHandle()));
                throw new IllegalStateException(what + " did not finish within " + COMMAND_TIMEOUT);
            }
            String printed = Files.readString(output);
            Files.deleteIfExists(output);
            if (cli.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (exit " + cli.exitValue() + "):\n" + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    /** Kills the node if it runs and deletes its directory. */
    @Override
    public void close() {
        synchronized (this) {
            destroy();
        }
        Cleanup.deleteTree(dir);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void boot() {
        long started = System.nanoTime();
        await("the name " + node + " free in epmd", () -> !Epmd.knows(node, environment));
        Process booting = launch();
        try {
            Callable<Boolean> exited = () -> !booting.isAlive();
            // registered early in the boot; rabbitmqctl then waits for the rest
            await("node " + node + " registered in epmd", exited, () -> Epmd.knows(node, environment));
            awaitStartup(booting);
            await("AMQP on port " + port, exited, () -> accepts(port));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "RabbitMQ node " + node + " did not start; its console said:\n" + NodeFiles.tail(console(), 40), e);
        }
        log.info(
                "RabbitMQ node {} accepts AMQP on {}:{} after {} ms",
                node,
                HOST,
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** {@code rabbitmqctl await_startup}, again if the CLI could not reach the node yet while it still boots. */
    private void awaitStartup(Process booting) {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (true) {
            try {
                rabbitmqctl("await_startup", "--timeout", String.valueOf(BOOT_TIMEOUT.toSeconds()));
                return;
            } catch (IllegalStateException e) {
                if (!booting.isAlive() || System.nanoTime() > deadline) {
                    throw e;
                }
                log.debug("rabbitmqctl await_startup failed while {} boots; trying again", node, e);
            }
        }
    }

    private Process launch() {
        Epmd.ensureRunning(environment);
        ProcessBuilder builder = new ProcessBuilder(server.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process started = builder.start();
            started.getOutputStream().close();
            process = started;
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + server, e);
        }
    }

    /** Lock-free, so the shutdown hook never waits for a test thread that is booting the node. */
    private void destroy() {
        Set<ProcessHandle> processes = new LinkedHashSet<>(NodeProcesses.of(node));
        Process running = process;
        if (running != null) {
            processes.addAll(NodeProcesses.tree(running.toHandle()));
        }
        NodeProcesses.killAll(processes);
        process = null;
    }

    private void awaitDown() {
        await("node " + node + " down", () -> !accepts(port) && !Epmd.knows(node, environment));
    }

    private Path console() {
        return dir.resolve("console.log");
    }

    private static void await(String what, Callable<Boolean> condition) {
        await(what, () -> false, condition);
    }

    private static void await(String what, Callable<Boolean> failed, Callable<Boolean> condition) {
        Awaitility.await(what)
                .atMost(BOOT_TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .failFast(what + ": the node exited", failed)
                .until(condition);
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
