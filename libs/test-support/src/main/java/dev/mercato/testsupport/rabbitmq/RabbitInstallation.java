package dev.mercato.testsupport.rabbitmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The installed RabbitMQ server: its own scripts directory ({@code sbin}, next to {@code plugins} and {@code escript}),
 * never the distribution's wrappers in {@code /usr/sbin}, which switch to the {@code rabbitmq} user and its cookie.
 * Found through {@code MERCATO_RABBITMQ_SBIN}, else where the Debian/Ubuntu package puts it.
 */
record RabbitInstallation(Path sbin) {

    private static final List<String> CANDIDATES = List.of("/usr/lib/rabbitmq/bin");
    private static final Pattern APP_LIST =
            Pattern.compile("\\{\\s*(?:included_)?applications\\s*,\\s*\\[([^\\]]*)]", Pattern.DOTALL);

    static RabbitInstallation locate() {
        String configured = System.getenv("MERCATO_RABBITMQ_SBIN");
        Stream<String> places =
                configured == null || configured.isBlank() ? CANDIDATES.stream() : Stream.of(configured);
        return places.map(place -> Path.of(place, "rabbitmq-server"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(RabbitInstallation::realScriptsDir)
                .orElseThrow(() -> new IllegalStateException("No RabbitMQ server found in "
                        + (configured == null ? CANDIDATES : configured)
                        + " (install rabbitmq-server, or set MERCATO_RABBITMQ_SBIN to the directory holding its"
                        + " rabbitmq-server and rabbitmqctl scripts)"));
    }

    private static RabbitInstallation realScriptsDir(Path script) {
        try {
            return new RabbitInstallation(script.toRealPath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path rabbitmqctl() {
        return sbin.resolve("rabbitmqctl");
    }

    /**
     * Lays out a copy of the installation under {@code home} (links, not copies) whose {@code plugins} holds only the
     * applications the broker needs without plugins. Erlang looks for every module it loads in each application
     * directory on its path, and the full plugin set roughly doubles the node's start time on a small machine.
     * Returns the scripts directory to run the server from, and the environment that points the scripts at it.
     */
    Map<String, String> layOutTrimmedHome(Path home) throws IOException {
        Path installedHome = sbin.getParent();
        Path installedPlugins = installedHome.resolve("plugins");
        Map<String, Path> apps = applications(installedPlugins);
        if (!apps.containsKey("rabbit")) {
            return Map.of("RABBITMQ_SCRIPTS_DIR", sbin.toString());
        }
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        for (Path app : needed(apps, "rabbit")) {
            Files.createSymbolicLink(plugins.resolve(app.getFileName()), app);
        }
        Path scripts = Files.createSymbolicLink(home.resolve("sbin"), sbin);
        Path escript = installedHome.resolve("escript");
        if (Files.isDirectory(escript)) {
            Files.createSymbolicLink(home.resolve("escript"), escript);
        }
        return Map.of("RABBITMQ_SCRIPTS_DIR", scripts.toString(), "RABBITMQ_PLUGINS_DIR", plugins.toString());
    }

    /** Application name to directory, e.g. {@code ra -> plugins/ra-2.2.0}. */
    private static Map<String, Path> applications(Path plugins) throws IOException {
        Map<String, Path> apps = new HashMap<>();
        if (!Files.isDirectory(plugins)) {
            return apps;
        }
        try (Stream<Path> entries = Files.list(plugins)) {
            entries.filter(Files::isDirectory).forEach(dir -> {
                String name = dir.getFileName().toString();
                int version = name.lastIndexOf('-');
                apps.put(version > 0 ? name.substring(0, version) : name, dir);
            });
        }
        return apps;
    }

    /** The application directories {@code root} depends on, itself included; OTP's own are on the path anyway. */
    private static Set<Path> needed(Map<String, Path> apps, String root) throws IOException {
        Set<String> seen = new HashSet<>();
        Set<Path> dirs = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            String app = todo.pop();
            Path dir = apps.get(app);
            if (!seen.add(app) || dir == null) {
                continue;
            }
            dirs.add(dir);
            Optional<String> descriptor = appFile(dir, app);
            if (descriptor.isPresent()) {
                Matcher lists = APP_LIST.matcher(descriptor.get());
                while (lists.find()) {
                    for (String dependency : lists.group(1).split(",")) {
                        if (!dependency.isBlank()) {
                            todo.push(dependency.strip());
                        }
                    }
                }
            }
        }
        return dirs;
    }

    private static Optional<String> appFile(Path dir, String app) throws IOException {
        Path file = dir.resolve("ebin").resolve(app + ".app");
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }
}
