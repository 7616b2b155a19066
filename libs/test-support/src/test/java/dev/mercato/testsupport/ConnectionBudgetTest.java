package dev.mercato.testsupport;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every service's PostgreSQL pools against its line in {@code docs/connection-budget.md}, the one place the budget's
 * numbers live: a service's pools together may not be configured larger than its line, and the lines may not add up
 * to more than the running platform's ceiling. A service's pools are its {@code spring.datasource.hikari} and any pool
 * of its own under {@code mercato.*} (a map with a {@code maximum-pool-size}, such as ordering's order reads).
 */
class ConnectionBudgetTest {

    /** The running platform's share of the server's 100 connections ({@code architecture.md}, budgets). */
    private static final int PLATFORM_CEILING = 40;

    private static final Pattern BUDGET_ROW = Pattern.compile(
            "^\\|\\s*`services/([a-z0-9-]+)`\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):(\\d+)}");

    private final Path root = repositoryRoot();

    record Line(int poolMax, int minIdle) {}

    /** One pool: where it is configured, its maximum and its minimum-idle as written in the YAML. */
    record Hikari(String service, String path, Object maximumPoolSize, Object minimumIdle) {}

    @Test
    void everyPoolFitsItsLineAndThePlatformFitsItsCeiling() throws IOException {
        Map<String, Line> budget = budget();
        Map<String, List<Hikari>> services = pools();

        assertThat(services).as("services with a datasource").isNotEmpty();
        assertThat(violations(budget, services)).isEmpty();
        assertThat(budget.values().stream().mapToInt(Line::poolMax).sum())
                .as("the platform's pools together (docs/connection-budget.md)")
                .isLessThanOrEqualTo(PLATFORM_CEILING);
    }

    @Test
    void anOwnPoolThatTakesAServiceOverItsLineIsCaught() {
        Map<String, List<Hikari>> pools = Map.of(
                "ordering",
                List.of(
                        new Hikari("ordering", "spring.datasource.hikari", "${ORDERING_DB_POOL_SIZE:8}", 2),
                        new Hikari("ordering", "mercato.orders.reads", "${ORDERING_READS_POOL_SIZE:3}", 1)));

        assertThat(violations(Map.of("ordering", new Line(10, 3)), pools))
                .singleElement(as(STRING))
                .contains("maximum-pool-size of [spring.datasource.hikari, mercato.orders.reads] together is 11");
    }

    @Test
    void aPoolWithoutItsOverrideVariableIsCaught() {
        Map<String, List<Hikari>> pools = Map.of(
                "ordering",
                List.of(
                        new Hikari("ordering", "spring.datasource.hikari", "${ORDERING_DB_POOL_SIZE:8}", 2),
                        new Hikari("ordering", "mercato.orders.reads", 2, 1)));

        assertThat(violations(Map.of("ordering", new Line(10, 3)), pools))
                .singleElement(as(STRING))
                .contains("mercato.orders.reads: maximum-pool-size has no ${ORDERING_..._POOL_SIZE:n} override");
    }

    @Test
    void aPoolWithoutMinimumIdleIsCaught() {
        Map<String, List<Hikari>> pools = Map.of(
                "catalog",
                List.of(new Hikari("catalog", "spring.datasource.hikari", "${CATALOG_DB_POOL_SIZE:6}", null)));

        assertThat(violations(Map.of("catalog", new Line(6, 10)), pools))
                .anySatisfy(violation -> assertThat(violation).contains("minimum-idle must be set"));
    }

    /**
     * What is wrong with the services' pools against their lines, one sentence each: a missing line, a pool without
     * its override variable ({@code <SERVICE>_DB_POOL_SIZE} for the main pool, {@code <SERVICE>_<WHAT>_POOL_SIZE} for
     * one of its own), a missing minimum-idle, or pools that together exceed the line.
     */
    static List<String> violations(Map<String, Line> budget, Map<String, List<Hikari>> services) {
        List<String> violations = new ArrayList<>();
        services.forEach((service, pools) -> {
            Line line = budget.get(service);
            if (line == null) {
                violations.add("services/" + service + " uses PostgreSQL but has no line in docs/connection-budget.md");
                return;
            }
            String prefix = service.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
            for (Hikari pool : pools) {
                boolean main = pool.path().equals("spring.datasource.hikari");
                String variable =
                        main ? "\\$\\{" + prefix + "DB_POOL_SIZE:\\d+}" : "\\$\\{" + prefix + "[A-Z_]+_POOL_SIZE:\\d+}";
                if (!String.valueOf(pool.maximumPoolSize()).matches(variable)) {
                    violations.add("services/%s %s: maximum-pool-size has no ${%s%s_POOL_SIZE:n} override: %s"
                            .formatted(service, pool.path(), prefix, main ? "DB" : "...", pool.maximumPoolSize()));
                }
                if (pool.minimumIdle() == null) {
                    violations.add("services/%s %s: minimum-idle must be set (Hikari's default is the maximum)"
                            .formatted(service, pool.path()));
                }
            }
            int maximum = pools.stream()
                    .mapToInt(pool -> defaultOf(pool.maximumPoolSize()))
                    .sum();
            if (maximum > line.poolMax()) {
                violations.add("services/%s: maximum-pool-size of %s together is %d, over its budget line %d"
                        .formatted(service, paths(pools), maximum, line.poolMax()));
            }
            int idle = pools.stream()
                    .mapToInt(pool -> defaultOf(pool.minimumIdle()))
                    .sum();
            if (idle > line.minIdle()) {
                violations.add("services/%s: minimum-idle of %s together is %d, over its budget line %d"
                        .formatted(service, paths(pools), idle, line.minIdle()));
            }
        });
        return violations;
    }

    private static List<String> paths(List<Hikari> pools) {
        return pools.stream().map(Hikari::path).toList();
    }

    private Map<String, Line> budget() throws IOException {
        String doc = Files.readString(root.resolve("docs/connection-budget.md"));
        Map<String, Line> lines = new LinkedHashMap<>();
        Matcher row = BUDGET_ROW.matcher(doc);
        while (row.find()) {
            lines.put(row.group(1), new Line(Integer.parseInt(row.group(2)), Integer.parseInt(row.group(3))));
        }
        assertThat(lines).as("budget lines in docs/connection-budget.md").isNotEmpty();
        return lines;
    }

    /** Each service's pools, its main one ({@code spring.datasource.hikari}) first. */
    @SuppressWarnings("unchecked")
    private Map<String, List<Hikari>> pools() throws IOException {
        Map<String, List<Hikari>> pools = new LinkedHashMap<>();
        try (Stream<Path> services = Files.list(root.resolve("services"))) {
            for (Path service : services.sorted().toList()) {
                Path yml = service.resolve("src/main/resources/application.yml");
                if (!Files.exists(yml)) {
                    continue;
                }
                String name = service.getFileName().toString();
                for (Object document : new Yaml().loadAll(Files.readString(yml))) {
                    Map<String, Object> root = (Map<String, Object>) document;
                    Map<String, Object> datasource = child(child(root, "spring"), "datasource");
                    if (datasource.isEmpty()) {
                        continue;
                    }
                    List<Hikari> found = pools.computeIfAbsent(name, n -> new ArrayList<>());
                    found.add(pool(name, "spring.datasource.hikari", child(datasource, "hikari")));
                    ownPools(name, "mercato", child(root, "mercato"), found);
                }
            }
        }
        return pools;
    }

    /** Pools a service configures itself: every map under {@code mercato} that has a maximum-pool-size. */
    @SuppressWarnings("unchecked")
    private static void ownPools(String service, String path, Map<String, Object> node, List<Hikari> found) {
        if (node.containsKey("maximum-pool-size")) {
            found.add(pool(service, path, node));
            return;
        }
        node.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map) {
                ownPools(service, path + "." + key, (Map<String, Object>) map, found);
            }
        });
    }

    private static Hikari pool(String service, String path, Map<String, Object> settings) {
        return new Hikari(service, path, settings.get("maximum-pool-size"), settings.get("minimum-idle"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return parent != null && parent.get(key) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** A number, or the default of a {@code ${VARIABLE:n}} placeholder; Hikari's default (10) when absent. */
    private static int defaultOf(Object value) {
        if (value == null) {
            return 10;
        }
        if (value instanceof Integer number) {
            return number;
        }
        Matcher placeholder = PLACEHOLDER.matcher(value.toString());
        assertThat(placeholder.matches())
                .as("a number or ${VARIABLE:n}: %s", value)
                .isTrue();
        return Integer.parseInt(placeholder.group(2));
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("services")) && Files.exists(dir.resolve("docs/connection-budget.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "not inside the Mercato repository: " + Path.of("").toAbsolutePath());
    }
}
