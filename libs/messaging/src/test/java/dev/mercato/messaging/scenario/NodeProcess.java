package dev.mercato.messaging.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A {@link ScenarioNode} in a JVM of its own, started with this JVM's classpath, so that a scenario can kill it the
 * way a crash does ({@link #kill()}: SIGKILL, no shutdown hook, no graceful close). Its output goes to
 * {@code target/scenario-logs/<name>.log}; the scenario waits for the lines the node prints at the moments that
 * matter.
 */
final class NodeProcess implements AutoCloseable {

    private static final Path LOGS = Path.of("target", "scenario-logs");

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> signals = new CopyOnWriteArrayList<>();

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static NodeProcess start(String name, Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        // Names the process in `ps`; `./mercato test` reaps leftovers by the MERCATO_TEST_RUN id they inherit.
        command.add("-Dmercato.test-process=scenario-" + name);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScenarioNode.class.getName()));
        command.addAll(List.of(ScenarioNode.arguments(properties)));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + ".log");
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            // Leave no process behind, even when the test JVM exits without running the tests' cleanup.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + name));
            var node = new NodeProcess(name, process, log);
            Thread.ofPlatform().daemon().name("output-" + name).start(node::readOutput);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start scenario node " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    void awaitReady(Duration timeout) {
        awaitSignal(line -> line.equals(ScenarioNode.READY), timeout);
    }

    /** The first line the node printed, among the {@code SCENARIO-NODE} ones, that matches; waits for it. */
    String awaitSignal(Predicate<String> matching, Duration timeout) {
        return Awaitility.await(name + " to print the expected line (log: " + log.toAbsolutePath() + ")")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(5))
                .failFast(name + " exited (log: " + log.toAbsolutePath() + ")", () -> !process.isAlive())
                .until(() -> signals.stream().filter(matching).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    /** kill -9; returns the exit status. */
    int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    /** Graceful stop: the node closes its context when its standard input closes. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        awaitExit();
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not exit");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    private void readOutput() {
        try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith("SCENARIO-NODE ")) {
                    signals.add(line);
                }
                file.println(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
