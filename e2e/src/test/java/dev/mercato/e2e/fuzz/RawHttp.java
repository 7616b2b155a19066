package dev.mercato.e2e.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that sends the bytes it is given, exactly: invalid UTF-8 in a path, a broken percent escape or a
 * raw byte in a header are what the suite means to send, and every regular client refuses to. One keep-alive
 * connection per instance (one per fuzzing thread).
 */
public final class RawHttp implements AutoCloseable {

    public record Response(int status, Map<String, String> headers, byte[] body, boolean timedOut) {
        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        static Response timeout() {
            return new Response(0, Map.of(), new byte[0], true);
        }
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;

    public RawHttp(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** Sends {@code head} (request line and headers, without the blank line) and {@code body}. */
    public Response send(String method, byte[] target, Map<String, byte[]> headers, byte[] body) throws IOException {
        var request = new ByteArrayOutputStream(256 + body.length);
        request.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        request.write(target);
        request.write(" HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, byte[]> header : headers.entrySet()) {
            request.write((header.getKey() + ": ").getBytes(StandardCharsets.ISO_8859_1));
            request.write(header.getValue());
            request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        request.write(body);
        return exchange(request.toByteArray());
    }

    /** Sends the bytes as they are and reads one response. */
    public Response exchange(byte[] request) throws IOException {
        for (int attempt = 0; ; attempt++) {
            boolean reused = socket != null;
            try {
                connect();
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                return read();
            } catch (SocketTimeoutException e) {
                close();
                return Response.timeout();
            } catch (IOException e) {
                close();
                // the server may have closed an idle keep-alive connection just before we wrote on it
                if (!reused || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }
    }

    private Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.merge(
                        header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        byte[] body;
        if (status / 100 == 2 && headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
            // an event stream lasts as long as its client: its headers are the answer, and the connection is spent
            close();
            return new Response(status, headers, new byte[0], false);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if (status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Response(status, headers, body, false);
    }

    private byte[] chunked() throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used by any service
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line();
        }
    }

    private String line() throws IOException {
        var line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to read from it either way
            }
        }
        socket = null;
        in = null;
    }
}
