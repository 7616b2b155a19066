package dev.mercato.messaging.topology;

import dev.mercato.messaging.consumer.ConsumerProperties;
import dev.mercato.messaging.consumer.ConsumerSpec;
import dev.mercato.messaging.consumer.QueueNames;
import dev.mercato.messaging.consumer.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Renders a topology as Markdown tables of its exchanges, queues (with their kind and arguments) and bindings: exactly
 * what the library declares on the broker, so documentation built from it cannot drift. Per-instance broadcast queues
 * are shown with a {@code {random}} suffix. {@link TopologyDocBlock} keeps a rendering in a document up to date.
 */
public final class TopologyDoc {

    private TopologyDoc() {}

    /** With the library's default retry settings and dead-letter exchange ({@code mercato.messaging.*} unset). */
    public static String render(Topology topology) {
        return render(topology, libraryDefaults().retryPolicy(), Exchanges.DEAD_LETTERS);
    }

    public static String render(Topology topology, RetryPolicy defaults, String deadLetterExchange) {
        return render(new Topologies(List.of(topology)), defaults, deadLetterExchange);
    }

    /** All of a service's topologies, e.g. with the {@code Topologies} and {@code MessagingProperties} beans. */
    public static String render(Topologies topologies, RetryPolicy defaults, String deadLetterExchange) {
        Declarables declarables = topologies.declarables(defaults, deadLetterExchange);
        Map<String, String> renames = new LinkedHashMap<>();
        topologies
                .broadcasts()
                .forEach(broadcast -> renames.put(
                        broadcast.queue().getName(), broadcast.spec().exchange() + ".instance.{random}"));
        Map<String, String> kinds = new LinkedHashMap<>();
        for (ConsumerSpec consumer : topologies.consumers()) {
            kinds.put(consumer.queue(), "work");
            kinds.put(QueueNames.deadLetter(consumer.queue()), "dead-letter");
            for (var delay : consumer.retryPolicy(defaults).distinctDelays()) {
                kinds.put(QueueNames.retry(consumer.queue(), delay), "delay " + QueueNames.format(delay));
            }
        }
        renames.values().forEach(name -> kinds.put(name, "broadcast (one per instance)"));

        Map<String, Exchange> exchanges = new LinkedHashMap<>();
        Map<String, Queue> queues = new LinkedHashMap<>();
        Map<String, Binding> bindings = new LinkedHashMap<>();
        for (Declarable declarable : declarables.getDeclarables()) {
            switch (declarable) {
                case Exchange exchange -> exchanges.putIfAbsent(exchange.getName(), exchange);
                case Queue queue -> queues.putIfAbsent(renames.getOrDefault(queue.getName(), queue.getName()), queue);
                case Binding binding -> bindings.putIfAbsent(bindingRow(binding, renames), binding);
                default -> {}
            }
        }

        StringBuilder out = new StringBuilder();
        table(
                out,
                "| exchange | type | durable | arguments |",
                exchanges.values().stream()
                        .map(exchange -> row(
                                code(exchange.getName()),
                                exchange.getType(),
                                yes(exchange.isDurable()),
                                arguments(exchange.getArguments())))
                        .toList());
        table(
                out,
                "| queue | kind | properties | arguments |",
                queues.entrySet().stream()
                        .map(entry -> row(
                                code(entry.getKey()),
                                kinds.getOrDefault(entry.getKey(), "declared"),
                                properties(entry.getValue()),
                                arguments(entry.getValue().getArguments())))
                        .toList());
        table(out, "| exchange | routing key / headers | queue |", List.copyOf(bindings.keySet()));
        return out.toString().strip() + "\n";
    }

    private static String bindingRow(Binding binding, Map<String, String> renames) {
        String match = binding.getArguments() == null || binding.getArguments().isEmpty()
                ? code(binding.getRoutingKey())
                : arguments(binding.getArguments());
        String destination = renames.getOrDefault(binding.getDestination(), binding.getDestination());
        return row(code(binding.getExchange()), match, code(destination));
    }

    private static void table(StringBuilder out, String header, List<String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        long columns = header.chars().filter(c -> c == '|').count() - 1;
        out.append(header).append('\n');
        out.append("|").append(" --- |".repeat((int) columns)).append('\n');
        rows.forEach(row -> out.append(row).append('\n'));
        out.append('\n');
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String properties(Queue queue) {
        List<String> properties = new ArrayList<>();
        properties.add(queue.isDurable() ? "durable" : "transient");
        if (queue.isExclusive()) {
            properties.add("exclusive");
        }
        if (queue.isAutoDelete()) {
            properties.add("auto-delete");
        }
        return String.join(", ", properties);
    }

    private static String arguments(Map<String, Object> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            return "";
        }
        return new TreeMap<>(arguments)
                .entrySet().stream()
                        .map(entry -> code(entry.getKey() + "=" + value(entry.getValue())))
                        .collect(Collectors.joining(" "));
    }

    private static String value(Object value) {
        return value instanceof String text && text.isEmpty() ? "\"\"" : String.valueOf(value);
    }

    private static String code(String text) {
        return text.isEmpty() ? "`\"\"`" : "`" + text.replace("|", "\\|") + "`";
    }

    private static String yes(boolean value) {
        return value ? "yes" : "no";
    }

    private static ConsumerProperties libraryDefaults() {
        return new Binder().bindOrCreate("mercato.messaging.consumer", ConsumerProperties.class);
    }
}
