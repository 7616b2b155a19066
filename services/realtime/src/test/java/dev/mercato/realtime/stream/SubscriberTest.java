package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.realtime.history.HistoryEntry;
import dev.mercato.realtime.history.StreamId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class SubscriberTest {

    private final AtomicInteger slowDrops = new AtomicInteger();

    @Test
    void liveEventsGoStraightThroughWithoutAResume() {
        Subscriber subscriber = subscriber(null, 8);

        subscriber.live(frame("5-0"));
        subscriber.live(frame("6-0"));

        assertThat(ids(subscriber.events(after -> Flux.empty()), 2)).containsExactly("5-0", "6-0");
    }

    @Test
    void aResumeSendsTheHistoryThenWhatArrivedMeanwhileWithoutDuplicates() {
        Subscriber subscriber = subscriber(StreamId.parse("1-0"), 8);
        subscriber.live(frame("3-0")); // arrived live while the history (which has it too) was read
        subscriber.live(frame("4-0")); // written after the history was read
        subscriber.live(frame("4-0")); // delivered twice by nothing but a bug upstream: still sent once
        subscriber.live(frame("5-0"));

        var events = subscriber.events(after -> Flux.just(frame("2-0"), frame("3-0")));

        assertThat(ids(events, 4)).containsExactly("2-0", "3-0", "4-0", "5-0");
    }

    @Test
    void eventsNotAfterTheLastEventIdAreNotSentAgain() {
        Subscriber subscriber = subscriber(StreamId.parse("7-0"), 8);

        subscriber.live(frame("7-0"));
        subscriber.live(frame("8-0"));

        assertThat(ids(subscriber.events(after -> Flux.empty()), 1)).containsExactly("8-0");
    }

    @Test
    void resetsAndHeartbeatsAreNotOrderedEvents() {
        Subscriber subscriber = subscriber(StreamId.parse("1-0"), 8);
        var reset = Frame.reset(new Topic("orders", "orders:x"), StreamId.parse("1-0"));
        subscriber.heartbeat();

        var sent = subscriber
                .events(after -> Flux.just(reset, frame("2-0")))
                .map(frame -> new String(frame.sse(), StandardCharsets.UTF_8))
                .take(3)
                .collectList()
                .block(Duration.ofSeconds(1));

        assertThat(sent.get(0)).startsWith("id:1-0\nevent:reset\n");
        assertThat(sent.get(1)).startsWith("id:2-0\nevent:e\n");
        assertThat(sent.get(2)).isEqualTo(":heartbeat\n\n");
    }

    @Test
    void aLongHistoryIsSentAtTheClientsPaceNotIntoTheBuffer() {
        Subscriber subscriber = subscriber(StreamId.parse("0-1"), 8);
        List<Frame> history = java.util.stream.IntStream.rangeClosed(1, 100)
                .mapToObj(i -> frame(i + "-0"))
                .toList();

        assertThat(ids(subscriber.events(after -> Flux.fromIterable(history)), 100))
                .hasSize(100);
        assertThat(slowDrops).hasValue(0);
    }

    /**
     * More live events arrive while the history is sent than the buffer holds: the client is not slow, its history is
     * not sent yet. It gets the history read again from its last event, then the live events, none missed or twice.
     */
    @Test
    void aResumeDuringABurstReadsTheHistoryAgainInsteadOfDroppingTheClient() {
        List<Frame> log = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        Subscriber subscriber = subscriber(StreamId.parse("0-1"), 8);
        for (int i = 1; i <= 5; i++) {
            log.add(frame(i + "-0"));
        }
        var events = subscriber.events(after -> Flux.defer(() -> {
            reads.incrementAndGet();
            return Flux.fromIterable(log).filter(f -> f.id().isAfter(after));
        }));
        for (int i = 6; i <= 30; i++) { // appended to the history, then delivered live, before anything is read
            log.add(frame(i + "-0"));
            subscriber.live(log.getLast());
        }

        List<String> sent = new CopyOnWriteArrayList<>();
        var connection = events.map(frame -> frame.id().toString()).subscribe(sent::add);
        for (int i = 31; i <= 32; i++) {
            log.add(frame(i + "-0"));
            subscriber.live(log.getLast());
        }
        connection.dispose();

        assertThat(sent)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 32)
                        .mapToObj(i -> i + "-0")
                        .toList());
        assertThat(slowDrops).hasValue(0);
        assertThat(reads)
                .as("the history, then once more from the last event sent")
                .hasValue(2);
    }

    @Test
    void aResumingClientThatNeverReadsItsHistoryIsStillDropped() {
        Subscriber subscriber = subscriber(StreamId.parse("0-1"), 8);

        for (int i = 1; i <= 200; i++) {
            subscriber.live(frame(i + "-0"));
        }

        assertThat(slowDrops).hasValue(1);
    }

    @Test
    void aResumingClientThatReadsItsHistorySlowerThanTheChannelWritesIsDropped() {
        List<Frame> log = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        Subscriber subscriber = subscriber(StreamId.parse("0-1"), 8);
        var events = subscriber.events(after -> Flux.defer(() -> {
            if (reads.incrementAndGet() > 100) {
                return Flux.error(new IllegalStateException("still catching up after 100 reads of the history"));
            }
            for (int i = 0; i < 9; i++) { // more than the queue holds arrives while each pass is sent
                log.add(frame(log.size() + 1 + "-0"));
                subscriber.live(log.getLast());
            }
            return Flux.fromIterable(List.copyOf(log)).filter(f -> f.id().isAfter(after));
        }));

        List<Throwable> errors = new CopyOnWriteArrayList<>();
        events.subscribe(event -> {}, errors::add);

        assertThat(errors).isEmpty();
        assertThat(slowDrops).hasValue(1);
        assertThat(reads).as("one pass per overflow, then dropped").hasValue(9);
    }

    @Test
    void aClientThatLeavesItsBufferFullIsDroppedAtOnce() {
        Subscriber subscriber = subscriber(null, 8);

        for (int i = 1; i <= 9; i++) {
            subscriber.live(frame(i + "-0"));
        }

        assertThat(slowDrops).hasValue(1);
        assertThatThrownBy(() -> subscriber.dropped().blockLast(Duration.ofSeconds(1)))
                .isInstanceOf(Subscriber.SlowClientException.class);
        subscriber.live(frame("10-0"));
        assertThat(slowDrops).as("dropped once").hasValue(1);
    }

    @Test
    void aConnectionEndedForMissedEventsStopsAtOnce() {
        Subscriber subscriber = subscriber(null, 8);
        subscriber.live(frame("1-0"));

        subscriber.end(new Subscriber.MissedEventsException());

        assertThatThrownBy(() -> subscriber.dropped().blockLast(Duration.ofSeconds(1)))
                .isInstanceOf(Subscriber.MissedEventsException.class);
        assertThat(slowDrops).as("not a slow client").hasValue(0);
    }

    private Subscriber subscriber(StreamId resumeAfter, int capacity) {
        return new Subscriber(Set.of("c"), capacity, resumeAfter, slowDrops::incrementAndGet);
    }

    private static Frame frame(String id) {
        return Frame.of(new HistoryEntry(StreamId.parse(id), "c", "e", "{}"));
    }

    private static List<String> ids(Flux<Frame> events, int count) {
        return events.take(count)
                .map(frame -> frame.id().toString())
                .collectList()
                .block(Duration.ofSeconds(1));
    }
}
