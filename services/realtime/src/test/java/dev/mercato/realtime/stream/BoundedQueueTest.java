package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedQueueTest {

    @Test
    void refusesPastItsCapacityAndTakesAgainOnceRead() {
        BoundedQueue<Integer> queue = new BoundedQueue<>(20);
        for (int i = 0; i < 20; i++) {
            assertThat(queue.offer(i)).isTrue();
        }
        assertThat(queue.offer(20)).isFalse();
        assertThat(queue.size()).isEqualTo(20);

        assertThat(queue.poll()).isZero();
        assertThat(queue.offer(20)).isTrue();
        for (int i = 1; i <= 20; i++) {
            assertThat(queue.poll()).isEqualTo(i);
        }
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void clearingEmptiesIt() {
        BoundedQueue<String> queue = new BoundedQueue<>(4);
        queue.offer("a");
        queue.offer("b");

        queue.clear();

        assertThat(queue.size()).isZero();
        assertThat(queue.offer("c")).isTrue();
        assertThat(queue.peek()).isEqualTo("c");
    }
}
