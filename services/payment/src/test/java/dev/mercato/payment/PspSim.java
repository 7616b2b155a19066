package dev.mercato.payment;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.net.FaultProxy;
import dev.mercato.testsupport.postgres.TestDatabase;
import dev.mercato.testsupport.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The real provider simulator, run once per test JVM from its built jar against a database of its own. It delivers
 * webhooks to {@link #APP_PORT} (the payment service under test) through a {@link FaultProxy}, so a test can make
 * deliveries fail.
 */
public final class PspSim {

    public static final String SECRET = "whsec_it_" + java.util.UUID.randomUUID();
    public static final int APP_PORT = ServiceProcess.freePort();
    public static final FaultProxy WEBHOOK_PATH = FaultProxy.to("127.0.0.1", APP_PORT);
    private static final ServiceProcess PROCESS = start();

    private PspSim() {}

    private static ServiceProcess start() {
        TestDatabase database = TestDatabase.create("pspsim");
        int port = ServiceProcess.freePort();
        Path jar = Path.of(System.getProperty("psp-sim.jar", "../psp-sim/target/psp-sim.jar"))
                .toAbsolutePath();
        try {
            ServiceProcess process = ServiceProcess.start(
                    "psp-sim",
                    jar,
                    port,
                    Map.of(
                            "PSP_SIM_PORT", String.valueOf(port),
                            "PSP_SIM_DB_NAME", database.name(),
                            "MERCATO_PG_HOST", database.server().host(),
                            "MERCATO_PG_PORT", String.valueOf(database.server().port()),
                            "MERCATO_PG_USER", database.server().user(),
                            "MERCATO_PG_PASSWORD", database.server().password(),
                            "PSP_SIM_WEBHOOK_URL", "http://127.0.0.1:" + WEBHOOK_PATH.port() + "/webhooks/psp",
                            "PSP_SIM_WEBHOOK_SECRET", SECRET,
                            "MERCATO_LOG_FORMAT", "text"),
                    Path.of("target", "psp-sim-logs"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.stop();
                database.drop();
            }));
            process.awaitReady(Duration.ofSeconds(180));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String url() {
        return PROCESS.url("").toString();
    }

    public static HttpJson http() {
        return HttpJson.at(url());
    }

    public static void faults(int latencyMs, double failureRate) {
        byte[] body = ("{\"latencyMs\": " + latencyMs + ", \"jitterMs\": 0, \"failureRate\": " + failureRate + "}")
                .getBytes(StandardCharsets.UTF_8);
        int status =
                http().send("PUT", "/admin/faults", "application/json", body).status();
        if (status != 200) {
            throw new IllegalStateException("PUT /admin/faults answered " + status);
        }
    }

    public static void resetFaults() {
        http().send("POST", "/admin/reset", "application/json", new byte[0]);
    }
}
