import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A crowd of event-stream clients for bench/realtime.sh: opens many SSE connections to one realtime instance from
 * several loopback source addresses (127.0.0.2, .3, ...: one address has ~28,000 ephemeral ports), holds them, and
 * records when each {@code product.price} event arrived against the time catalog produced it (the event's {@code at}).
 *
 * <p>Hand-written on one NIO selector rather than an HTTP client library: it has to hold ten thousand connections
 * in a small process, bind each to a chosen source address, and timestamp every event on arrival, and it only ever
 * reads one response shape (an SSE stream) from one server. Run with the JDK's source launcher:
 * {@code java bench/realtime/StreamCrowd.java --port 8087 --token T --connections 10000 ...}.
 *
 * <p>Prints {@code READY <open> <failed>} once every connection has its first frame (or failed), writes one line
 * {@code <at> <latency-microseconds>} per delivery to {@code --out} when {@code --stop-file} appears, and ends.
 */
public final class StreamCrowd {

    private static final int MAX_PENDING_CONNECTS = 256;

    private final Map<String, String> options;
    private final Selector selector = Selector.open();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private final Map<String, List<Long>> deliveries = new HashMap<>();
    private int open;
    private int failed;
    private int ended;

    private StreamCrowd(Map<String, String> options) throws IOException {
        this.options = options;
    }

    /** One client: what it asks for and the part of a line that the last read cut off. */
    private static final class Client {
        final boolean product;
        final byte[] request;
        final StringBuilder partial = new StringBuilder();
        boolean headersRead;
        boolean firstFrame;

        Client(boolean product, byte[] request) {
            this.product = product;
            this.request = request;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new StreamCrowd(options).run();
    }

    private String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private void run() throws IOException {
        int connections = Integer.parseInt(option("connections"));
        int productSubscribers = Integer.parseInt(option("product-subscribers"));
        int sources = Integer.parseInt(options.getOrDefault("sources", "1"));
        int firstSource = Integer.parseInt(options.getOrDefault("first-source", "2"));
        InetSocketAddress server =
                new InetSocketAddress(options.getOrDefault("host", "127.0.0.1"), Integer.parseInt(option("port")));
        Path stopFile = Path.of(option("stop-file"));
        Duration connectWithin = Duration.ofSeconds(Long.parseLong(options.getOrDefault("connect-seconds", "300")));
        byte[] productRequest = request(server, "product:" + option("product"));
        byte[] ordersRequest = request(server, "orders");

        ArrayDeque<Integer> toOpen = new ArrayDeque<>();
        for (int i = 0; i < connections; i++) {
            toOpen.add(i);
        }
        long connectDeadline = System.nanoTime() + connectWithin.toNanos();
        int pending = 0;
        boolean ready = false;
        while (!Files.exists(stopFile)) {
            while (!toOpen.isEmpty() && pending < MAX_PENDING_CONNECTS) {
                int index = toOpen.poll();
                boolean product = index < productSubscribers;
                String source = "127.0.0." + (firstSource + index % sources);
                if (connect(server, source, new Client(product, product ? productRequest : ordersRequest))) {
                    pending++;
                } else {
                    failed++;
                }
            }
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                Client client = (Client) key.attachment();
                boolean wasConnected = client.firstFrame;
                boolean alive = key.isValid() && handle(key, client);
                if (!wasConnected && (client.firstFrame || !alive)) {
                    pending--;
                    if (client.firstFrame) open++;
                    else failed++;
                } else if (wasConnected && !alive) {
                    ended++;
                }
            }
            selector.selectedKeys().clear();
            if (!ready && toOpen.isEmpty() && pending == 0) {
                ready = true;
                System.out.printf("READY %d %d%n", open, failed);
                System.out.flush();
            }
            if (!ready && System.nanoTime() > connectDeadline) {
                System.out.printf("READY %d %d (connect deadline passed with %d pending)%n", open, failed, pending);
                System.out.flush();
                ready = true;
            }
        }
        write(Path.of(option("out")));
        System.out.printf("DONE open=%d failed=%d ended-early=%d events=%d%n", open, failed, ended, deliveries.size());
    }

    private byte[] request(InetSocketAddress server, String topics) {
        return ("GET /v1/stream?topics=" + topics + " HTTP/1.1\r\n"
                        + "Host: " + server.getHostString() + ":" + server.getPort() + "\r\n"
                        + "Authorization: Bearer " + option("token") + "\r\n"
                        + "Accept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private boolean connect(InetSocketAddress server, String source, Client client) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 * 1024);
            channel.bind(new InetSocketAddress(source, 0));
            channel.configureBlocking(false);
            channel.connect(server);
            channel.register(selector, SelectionKey.OP_CONNECT, client);
            return true;
        } catch (IOException e) {
            if (failed < 3) System.err.println("could not connect: " + e);
            return false;
        }
    }

    /** False when the connection failed or ended. */
    private boolean handle(SelectionKey key, Client client) {
        SocketChannel channel = (SocketChannel) key.channel();
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                channel.write(ByteBuffer.wrap(client.request));
                key.interestOps(SelectionKey.OP_READ);
                return true;
            }
            buffer.clear();
            int read = channel.read(buffer);
            if (read < 0) {
                channel.close();
                return false;
            }
            buffer.flip();
            long arrivedMicros = micros(Instant.now());
            while (buffer.hasRemaining()) {
                char c = (char) buffer.get();
                if (c == '\n') {
                    line(client, arrivedMicros);
                    client.partial.setLength(0);
                } else if (c != '\r') {
                    client.partial.append(c);
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (failed < 3) System.err.println("connection failed: " + e);
            try {
                channel.close();
            } catch (IOException closing) {
                // already failed
            }
            return false;
        }
    }

    private void line(Client client, long arrivedMicros) throws IOException {
        String line = client.partial.toString();
        if (!client.headersRead) {
            if (line.startsWith("HTTP/1.1 ") && !line.startsWith("HTTP/1.1 200")) {
                throw new IOException("refused: " + line);
            }
            if (line.isEmpty()) {
                client.headersRead = true;
            }
            return;
        }
        if (line.startsWith(":") || line.startsWith("retry:")) {
            client.firstFrame = true;
        } else if (client.product && line.startsWith("data:") && line.contains("\"price\"")) {
            client.firstFrame = true;
            String at = field(line, "at");
            if (at != null) {
                try {
                    long latency = arrivedMicros - micros(Instant.parse(at));
                    deliveries.computeIfAbsent(at, k -> new ArrayList<>()).add(latency);
                } catch (DateTimeParseException ignored) {
                    // not an event of this bench
                }
            }
        }
    }

    private static String field(String line, String name) {
        String marker = "\"" + name + "\":\"";
        int start = line.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        int end = line.indexOf('"', start);
        return end < 0 ? null : line.substring(start, end);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private void write(Path out) throws IOException {
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
            deliveries.forEach((at, latencies) -> latencies.forEach(latency -> writer.println(at + " " + latency)));
        }
    }
}
