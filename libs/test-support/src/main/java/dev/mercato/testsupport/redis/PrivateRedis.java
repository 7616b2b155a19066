package dev.mercato.testsupport.redis;

import dev.mercato.testsupport.process.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A Redis server of the test's own, on a free port, for tests that stop and restart Redis on purpose — the shared
 * local Redis is never touched. Uses {@code redis-server} from the PATH (or {@code MERCATO_REDIS_SERVER}).
 */
public final class PrivateRedis implements AutoCloseable {

    private final int port;
    private Process process;

    private PrivateRedis(int port) {
        this.port = port;
    }

    public static PrivateRedis start() {
        PrivateRedis redis = new PrivateRedis(ServiceProcess.freePort());
        redis.startServer();
        return redis;
    }

    public int port() {
        return port;
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Awaitility.await("redis on " + port + " stopped")
                .atMost(Duration.ofSeconds(10))
                .until(() -> !answers());
    }

    /** Starts it again on the same port, empty. */
    public void restart() {
        stop();
        startServer();
    }

    /** Sends one command and returns the raw RESP reply, for checks like {@code INFO commandstats}. */
    public String command(String... parts) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            StringBuilder request = new StringBuilder("*" + parts.length + "\r\n");
            for (String part : parts) {
                request.append('$')
                        .append(part.getBytes(StandardCharsets.UTF_8).length)
                        .append("\r\n")
                        .append(part)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            int read = in.read(buffer);
            String reply = new String(buffer, 0, Math.max(read, 0), StandardCharsets.UTF_8);
            if (reply.startsWith("$")) {
                int length = Integer.parseInt(reply.substring(1, reply.indexOf("\r\n")));
                int header = reply.indexOf("\r\n") + 2;
                while (reply.length() < header + length) {
                    read = in.read(buffer);
                    reply += new String(buffer, 0, read, StandardCharsets.UTF_8);
                }
            }
            return reply;
        }
    }

    private void startServer() {
        String binary = System.getenv().getOrDefault("MERCATO_REDIS_SERVER", "redis-server");
        List<String> command = List.of(
                binary, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot start " + binary + " (install Redis or set MERCATO_REDIS_SERVER)", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        Awaitility.await("redis on " + port).atMost(Duration.ofSeconds(10)).until(this::answers);
    }

    private boolean answers() {
        try {
            return command("PING").startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
