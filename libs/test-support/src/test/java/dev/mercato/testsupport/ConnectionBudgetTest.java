package dev.mercato.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Every service's PostgreSQL pool against its line in {@code docs/connection-budget.md}, the one place the budget's
 * numbers live: a pool may not be configured larger than its line, and the lines may not add up to more than the
 * running platform's ceiling.
 */
class ConnectionBudgetTest {

    /** The running platform's share of the server's 100 connections ({@code architecture.md}, budgets). */
    private static final int PLATFORM_CEILING = 40;

    private static final Pattern BUDGET_ROW = Pattern.compile(
            "^\\|\\s*`services/([a-z0-9-]+)`\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):(\\d+)}");

    private final Path root = repositoryRoot();

    record Line(int poolMax, int minIdle) {}

    record Hikari(String service, Object maximumPoolSize, Object minimumIdle) {}

    @Test
    void everyPoolFitsItsLineAndThePlatformFitsItsCeiling() throws IOException {
        Map<String, Line> budget = budget();
        List<Hikari> pools = pools();

        assertThat(pools).as("services with a datasource").isNotEmpty();
        for (Hikari pool : pools) {
            Line line = budget.get(pool.service());
            assertThat(line)
                    .as("services/%s uses PostgreSQL but has no line in docs/connection-budget.md", pool.service())
                    .isNotNull();
            String variable = pool.service().toUpperCase(Locale.ROOT).replace('-', '_') + "_DB_POOL_SIZE";
            assertThat(String.valueOf(pool.maximumPoolSize()))
                    .as("services/%s: maximum-pool-size keeps its override %s", pool.service(), variable)
                    .startsWith("${" + variable + ":");
            assertThat(defaultOf(pool.maximumPoolSize()))
                    .as("services/%s: maximum-pool-size against its budget line", pool.service())
                    .isLessThanOrEqualTo(line.poolMax());
            assertThat(pool.minimumIdle())
                    .as("services/%s: minimum-idle must be set (Hikari's default is the maximum)", pool.service())
                    .isNotNull();
            assertThat(defaultOf(pool.minimumIdle()))
                    .as("services/%s: minimum-idle against its budget line", pool.service())
                    .isLessThanOrEqualTo(line.minIdle());
        }
        assertThat(budget.values().stream().mapToInt(Line::poolMax).sum())
                .as("the platform's pools together (docs/connection-budget.md)")
                .isLessThanOrEqualTo(PLATFORM_CEILING);
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

    @SuppressWarnings("unchecked")
    private List<Hikari> pools() throws IOException {
        List<Hikari> pools = new ArrayList<>();
        try (Stream<Path> services = Files.list(root.resolve("services"))) {
            for (Path service : services.sorted().toList()) {
                Path yml = service.resolve("src/main/resources/application.yml");
                if (!Files.exists(yml)) {
                    continue;
                }
                for (Object document : new Yaml().loadAll(Files.readString(yml))) {
                    Map<String, Object> datasource =
                            child(child((Map<String, Object>) document, "spring"), "datasource");
                    if (datasource.isEmpty()) {
                        continue;
                    }
                    Map<String, Object> hikari = child(datasource, "hikari");
                    pools.add(new Hikari(
                            service.getFileName().toString(),
                            hikari.get("maximum-pool-size"),
                            hikari.get("minimum-idle")));
                }
            }
        }
        return pools;
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
