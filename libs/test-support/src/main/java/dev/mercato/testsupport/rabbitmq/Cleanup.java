package dev.mercato.testsupport.rabbitmq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what {@link PrivateRabbit}s leave behind when their test JVM dies without closing them (a killed run, a
 * stopped IDE session). Nodes and directories whose owning JVM no longer runs are swept, once per JVM; those of test
 * runs still going are left alone.
 */
final class Cleanup {

    static final String DIR_PREFIX = "mercato-rabbit-";

    private static final Logger log = LoggerFactory.getLogger(Cleanup.class);
    private static final AtomicBoolean swept = new AtomicBoolean();

    private Cleanup() {}

    /** A directory for a node of this JVM; its name says who owns it. */
    static Path newNodeDirectory() throws IOException {
        return Files.createTempDirectory(DIR_PREFIX + ProcessHandle.current().pid() + "-");
    }

    static void sweepLeftoversOnce() {
        if (!swept.compareAndSet(false, true)) {
            return;
        }
        ProcessHandle.allProcesses()
                .filter(process -> NodeProcesses.argumentAfter(process, NodeProcesses.OWNER_FLAG)
                        .map(Cleanup::pid)
                        .filter(Cleanup::gone)
                        .isPresent())
                .forEach(process -> {
                    log.info("Stopping RabbitMQ node {} left behind by a test JVM that is gone", process.pid());
                    NodeProcesses.killAll(NodeProcesses.tree(process));
                });
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            entries.filter(Cleanup::leftBehind).forEach(Cleanup::deleteTree);
        } catch (IOException e) {
            log.debug("Could not look for leftover RabbitMQ node directories", e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            // links into the installation are deleted, never followed
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}", dir, e);
        }
    }

    private static boolean leftBehind(Path dir) {
        String name = dir.getFileName().toString();
        if (!name.startsWith(DIR_PREFIX) || !Files.isDirectory(dir)) {
            return false;
        }
        String rest = name.substring(DIR_PREFIX.length());
        int end = rest.indexOf('-');
        return end > 0 && gone(pid(rest.substring(0, end)));
    }

    private static OptionalLong pid(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException notOurs) {
            return OptionalLong.empty();
        }
    }

    private static boolean gone(OptionalLong owner) {
        return owner.isPresent()
                && ProcessHandle.of(owner.getAsLong())
                        .map(process -> !process.isAlive())
                        .orElse(true);
    }
}
