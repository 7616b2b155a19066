package dev.mercato.messaging.topology;

import dev.mercato.messaging.consumer.BroadcastSubscription;
import dev.mercato.messaging.consumer.ConsumerSpec;
import dev.mercato.messaging.consumer.RetryPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;

/** All {@link Topology} beans of a service, seen as one. */
public final class Topologies {

    private final List<Topology> topologies;

    public Topologies(List<Topology> topologies) {
        this.topologies = List.copyOf(topologies);
        Set<String> queues = new HashSet<>();
        for (ConsumerSpec consumer : consumers()) {
            if (!queues.add(consumer.queue())) {
                throw new IllegalStateException("Queue " + consumer.queue() + " has two consumers in this service");
            }
        }
    }

    public List<ConsumerSpec> consumers() {
        return topologies.stream()
                .flatMap(topology -> topology.consumers().stream())
                .toList();
    }

    public List<BroadcastSubscription> broadcasts() {
        return topologies.stream()
                .flatMap(topology -> topology.broadcasts().stream())
                .toList();
    }

    public Optional<ConsumerSpec> consumer(String queue) {
        return consumers().stream()
                .filter(consumer -> consumer.queue().equals(queue))
                .findFirst();
    }

    public Declarables declarables(RetryPolicy defaults, String deadLetterExchange) {
        List<Declarable> all = topologies.stream()
                .flatMap(topology -> topology.declarables(defaults, deadLetterExchange).getDeclarables().stream())
                .toList();
        return new Declarables(all);
    }
}
