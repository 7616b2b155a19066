package dev.mercato.web.discovery;

import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the readiness group to the registry, so an instance takes traffic exactly when {@code /readyz} says it can.
 * The stock handler reports the aggregate of all indicators, which includes the registry's own view of this instance
 * and therefore can never leave DOWN once it is there.
 */
public class ReadinessHealthCheckHandler implements HealthCheckHandler {

    private final ObjectProvider<HealthEndpoint> health;

    public ReadinessHealthCheckHandler(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    @Override
    public InstanceStatus getStatus(InstanceStatus current) {
        if (current == InstanceStatus.OUT_OF_SERVICE) {
            return current; // an operator took it out; do not put it back
        }
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return InstanceStatus.STARTING;
        }
        HealthDescriptor readiness = endpoint.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? InstanceStatus.UP : InstanceStatus.DOWN;
    }
}
