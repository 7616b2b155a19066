package dev.mercato.testsupport.rabbitmq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What makes a {@link PrivateRabbit} node private: its configuration, cookie and environment, all inside its own
 * directory, so that neither the machine's RabbitMQ settings nor the caller's environment can point it (or the
 * {@code rabbitmqctl} calls made for it) at the shared broker.
 */
final class NodeFiles {

    /** Erlang settings a developer's shell may carry that would change how the node boots. */
    private static final Set<String> INHERITED_ERLANG = Set.of("ERL_LIBS", "ERL_FLAGS", "ERL_AFLAGS", "ERL_ZFLAGS");

    private NodeFiles() {}

    /** Writes the node's files into {@code dir} and returns the environment for the server and rabbitmqctl alike. */
    static Map<String, String> write(Path dir, String node, int port, int distributionPort, Map<String, String> layout)
            throws IOException {
        // HOME is where Erlang reads the cookie from, for the node and the CLI; the server must not share the
        // shared broker's cookie, and the CLI then cannot authenticate against any other node.
        Path cookie = dir.resolve(".erlang.cookie");
        Files.writeString(cookie, randomCookie());
        if (Files.getFileStore(cookie).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(cookie, Set.of(PosixFilePermission.OWNER_READ)); // Erlang insists
        }
        // Without an env file of its own the node would read /etc/rabbitmq/rabbitmq-env.conf, whose NODENAME is
        // the shared broker's.
        Files.writeString(dir.resolve("rabbitmq-env.conf"), "# A private test node: nothing from the machine's file\n");
        Files.writeString(dir.resolve("rabbitmq.conf"), config(port));
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n");

        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("RABBITMQ_") || INHERITED_ERLANG.contains(name));
        environment.put("HOME", dir.toString());
        environment.put("RABBITMQ_NODENAME", node);
        environment.put("RABBITMQ_DIST_PORT", String.valueOf(distributionPort));
        environment.put(
                "RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
        environment.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        environment.put("RABBITMQ_CONFIG_FILES", dir.resolve("conf.d").toString());
        environment.put(
                "RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
        environment.put(
                "RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        environment.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        environment.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        // Distribution on loopback only; the last two flags mean nothing to Erlang but name the node and its owner
        // on the command line, for `pgrep -f <node>` and for sweeping nodes whose test JVM died.
        environment.put(
                "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS",
                String.join(
                        " ",
                        List.of(
                                "-kernel inet_dist_use_interface {127,0,0,1}",
                                NodeProcesses.NODE_FLAG + " " + node,
                                NodeProcesses.OWNER_FLAG + " "
                                        + ProcessHandle.current().pid())));
        environment.putAll(layout);
        return Map.copyOf(environment);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    private static String config(int port) {
        return """
                # A private test node: loopback only, no plugins, guest/guest from loopback (the default).
                listeners.tcp.1 = 127.0.0.1:%d
                loopback_users.guest = true
                # test machines' disks are small; 50MB (the default) stops publishers when /tmp is nearly full
                disk_free_limit.absolute = 10MB
                log.file.level = info
                log.console = true
                log.console.level = warning
                """.formatted(port);
    }

    private static String randomCookie() {
        SecureRandom random = new SecureRandom();
        StringBuilder cookie = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            cookie.append((char) ('A' + random.nextInt(26)));
        }
        return cookie.toString();
    }
}
