package dev.mercato.notifications.localmail;

import dev.mercato.testsupport.process.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The GreenMail server {@code ./mercato up} runs (scripts/lib/local-smtp.sh), as a process of the test: SMTP and the
 * HTTP API on ports of its own, from the jar the build copied to {@code target/greenmail}.
 */
final class LocalGreenMail implements AutoCloseable {

    private static final Path JAR = Path.of("target/greenmail/greenmail-standalone.jar");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final int smtpPort = ServiceProcess.freePort();
    final int apiPort = ServiceProcess.freePort();
    private final Process process;

    private LocalGreenMail() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing; run the integration tests through Maven (verify)");
        }
        Path log = Files.createTempFile("greenmail-", ".log");
        process = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Dgreenmail.smtp.hostname=127.0.0.1",
                        "-Dgreenmail.smtp.port=" + smtpPort,
                        "-Dgreenmail.api.hostname=127.0.0.1",
                        "-Dgreenmail.api.port=" + apiPort,
                        "-Dgreenmail.auth.disabled",
                        "-jar",
                        JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-greenmail"));
        Awaitility.await("GreenMail ready (log: " + log + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .failFast("GreenMail exited", () -> !process.isAlive())
                .until(this::ready);
    }

    static LocalGreenMail start() {
        try {
            return new LocalGreenMail();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start GreenMail", e);
        }
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + apiPort);
    }

    private boolean ready() {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(api().resolve("/api/service/readiness"))
                                            .timeout(Duration.ofSeconds(1))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
