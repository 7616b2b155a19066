package dev.mercato.testsupport.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test's event-stream client: reads frames as they arrive, on a thread of its own. */
public final class SseClient implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        Thread.ofVirtual().name("sse-client").start(this::read);
    }

    /** Connects and waits for the response headers. */
    public static SseClient open(int port, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Accept", "text/event-stream")
                .GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a stream the way a browser's {@code EventSource} reconnects: with the bearer token, and with the last event
     * id it received as {@code Last-Event-ID} unless it has none yet ({@code lastEventId} null).
     */
    public static SseClient reconnect(int port, String pathAndQuery, String bearerToken, String lastEventId) {
        String authorization = "Bearer " + bearerToken;
        return lastEventId == null
                ? open(port, pathAndQuery, "Authorization", authorization)
                : open(port, pathAndQuery, "Authorization", authorization, "Last-Event-ID", lastEventId);
    }

    /** The pause between an ended stream and the next attempt (the stream's own retry field says 2 s). */
    public static void pauseBeforeReconnecting() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next frame with an event (comments skipped), or null when none came in time. */
    public Frame nextEvent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Frame frame;
        while ((frame = poll(deadline)) != null) {
            if (frame.event() != null) {
                return frame;
            }
        }
        return null;
    }

    /** The next frame, comments included, or null when none came in time. */
    public Frame next(Duration timeout) {
        return poll(System.nanoTime() + timeout.toNanos());
    }

    /** The events (comments skipped) that arrive within {@code window}. */
    public List<Frame> eventsWithin(Duration window) {
        List<Frame> events = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        Frame frame;
        while ((frame = poll(deadline)) != null) {
            if (frame.event() != null) {
                events.add(frame);
            }
        }
        return events;
    }

    private Frame poll(long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            return left <= 0 ? frames.poll() : frames.poll(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String comment = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null || event != null || data != null || comment != null) {
                        frames.add(new Frame(id, event, data == null ? null : data.toString(), comment));
                    }
                    id = null;
                    event = null;
                    data = null;
                    comment = null;
                } else if (line.startsWith(":")) {
                    comment = line.substring(1);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6);
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5));
                }
            }
        } catch (IOException closed) {
            // the test closed the stream, or the server went away
        } finally {
            ended = true;
        }
    }

    /** Whether the stream has ended (the server closed it, or went away); the frames read before can still be taken. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One frame: an event (id, name, data) or a comment line. */
    public record Frame(String id, String event, String data, String comment) {}
}
