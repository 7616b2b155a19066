package dev.mercato.web.health;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A container health check for images without a shell or curl (deploy/compose.yaml):
 * {@code java -cp '/app/libs/*' dev.mercato.web.health.HealthProbe http://localhost:8081/readyz} exits 0 when the URL
 * answers 2xx within two seconds, 1 otherwise. Kubernetes probes the same paths itself and does not need it.
 */
public final class HealthProbe {

    private HealthProbe() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HealthProbe <url>");
            System.exit(2);
        }
        System.exit(healthy(args[0]) ? 0 : 1);
    }

    static boolean healthy(String url) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(2_000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status >= 200 && status < 300;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(url + ": " + e);
            return false;
        }
    }
}
