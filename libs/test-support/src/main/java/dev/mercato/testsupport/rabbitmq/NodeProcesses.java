package dev.mercato.testsupport.rabbitmq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finding and killing a node's operating-system processes. A node's VM carries its name ({@value #NODE_FLAG}) and the
 * pid of the JVM that owns it ({@value #OWNER_FLAG}) on its command line: Erlang ignores both, {@code pgrep -f} and
 * {@link Cleanup} find them.
 */
final class NodeProcesses {

    static final String NODE_FLAG = "-mercato_node";
    static final String OWNER_FLAG = "-mercato_owner";

    private static final Logger log = LoggerFactory.getLogger(NodeProcesses.class);

    private NodeProcesses() {}

    /** A process and everything it started. */
    static List<ProcessHandle> tree(ProcessHandle root) {
        return Stream.concat(root.descendants(), Stream.of(root)).toList();
    }

    /** The VM of {@code node} and everything it started, found by the node name on its command line. */
    static List<ProcessHandle> of(String node) {
        return ProcessHandle.allProcesses()
                .filter(process ->
                        argumentAfter(process, NODE_FLAG).filter(node::equals).isPresent())
                .flatMap(process -> tree(process).stream())
                .toList();
    }

    /** SIGKILL for all of them, waiting (up to 10 s) until they are gone. */
    static void killAll(Collection<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!processes.stream().allMatch(NodeProcesses::gone) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        processes.stream()
                .filter(process -> !gone(process))
                .forEach(process -> log.warn("Process {} did not exit after SIGKILL", process.pid()));
    }

    static Optional<String> argumentAfter(ProcessHandle process, String flag) {
        List<String> arguments = arguments(process);
        for (int i = 0; i < arguments.size() - 1; i++) {
            if (arguments.get(i).equals(flag)) {
                return Optional.of(arguments.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * From /proc where there is one: the JDK's {@code info().arguments()} stops at the first empty argument, and the
     * server script passes one ({@code -pa ""}) before the flags we look for.
     */
    private static List<String> arguments(ProcessHandle process) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            return List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | UnsupportedOperationException noProc) {
            return List.of(process.info().arguments().orElse(new String[0]));
        }
    }

    /**
     * Exited, zombies included: a killed VM's children are handed to PID 1, and where that is not a real init (as in
     * some containers) it reaps them only every second or so, while {@link ProcessHandle#isAlive()} still says yes. A
     * zombie main thread is not enough, though: the VM's other threads may still be exiting, with its sockets open.
     */
    private static boolean gone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        Path proc = Path.of("/proc", String.valueOf(process.pid()));
        try (Stream<Path> threads = Files.list(proc.resolve("task"))) {
            String stat = Files.readString(proc.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return (state == 'Z' || state == 'X') && threads.count() <= 1;
        } catch (IOException | RuntimeException noProc) {
            return !process.isAlive();
        }
    }
}
