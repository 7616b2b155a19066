package dev.mercato.realtime.stream;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.util.concurrent.Queues;

/**
 * A single-producer single-consumer queue that refuses past {@code capacity} but takes memory only as it fills: a
 * connection's queue is empty nearly all its life, and an array of its full capacity (Reactor's bounded queues) cost
 * 1.3 KB of heap per idle connection. Hand-written because the libraries' growable bounded queues (JCTools) pad each
 * instance against false sharing, which is the memory this saves.
 */
final class BoundedQueue<E> extends AbstractQueue<E> {

    /** Grows in links of 8, released as they are read. */
    private final Queue<E> elements = Queues.<E>unbounded(8).get();

    /** Never below the number of elements: the producer counts before it adds, the consumer after it takes. */
    private final AtomicInteger size = new AtomicInteger();

    private final int capacity;

    BoundedQueue(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean offer(E element) {
        if (size.get() >= capacity) {
            return false;
        }
        size.incrementAndGet();
        return elements.offer(element);
    }

    @Override
    public E poll() {
        E element = elements.poll();
        if (element != null) {
            size.decrementAndGet();
        }
        return element;
    }

    @Override
    public E peek() {
        return elements.peek();
    }

    @Override
    public int size() {
        return size.get();
    }

    @Override
    public boolean isEmpty() {
        return elements.isEmpty();
    }

    @Override
    public Iterator<E> iterator() {
        throw new UnsupportedOperationException("a connection's queue is only offered to and polled");
    }
}
