package dev.mercato.web.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.EventListener;

/**
 * Keeps an instance's status in the registry equal to its readiness probe.
 *
 * <p>The stock handler reports the aggregate of all health indicators, which includes the registry's own view of this
 * instance and so can never leave DOWN once it is there. This one reports the readiness group, and pushes every
 * readiness change at once instead of waiting for the next periodic replication: an instance that becomes ready gets
 * traffic immediately and one that is shutting down sheds it immediately. The application's own readiness state is
 * taken from the change event itself, because the health indicator for it may not have seen the event yet.
 */
public class ReadinessRegistration implements HealthCheckHandler {

    private static final String READINESS_STATE_COMPONENT = "readinessState";

    private final ObjectProvider<HealthEndpoint> health;
    private final ObjectProvider<ApplicationInfoManager> registry;
    private volatile ReadinessState readiness = ReadinessState.REFUSING_TRAFFIC;

    public ReadinessRegistration(
            ObjectProvider<HealthEndpoint> health, ObjectProvider<ApplicationInfoManager> registry) {
        this.health = health;
        this.registry = registry;
    }

    @EventListener
    public void onReadinessChange(AvailabilityChangeEvent<ReadinessState> event) {
        readiness = event.getState();
        ApplicationInfoManager instance = registry.getIfAvailable();
        if (instance != null && instance.getInfo().getStatus() != InstanceStatus.OUT_OF_SERVICE) {
            instance.setInstanceStatus(getStatus(instance.getInfo().getStatus()));
        }
    }

    @Override
    public InstanceStatus getStatus(InstanceStatus current) {
        if (current == InstanceStatus.OUT_OF_SERVICE) {
            return current; // an operator took it out; do not put it back
        }
        if (readiness != ReadinessState.ACCEPTING_TRAFFIC) {
            return current == InstanceStatus.STARTING ? InstanceStatus.STARTING : InstanceStatus.DOWN;
        }
        return dependenciesUp() ? InstanceStatus.UP : InstanceStatus.DOWN;
    }

    private boolean dependenciesUp() {
        HealthEndpoint endpoint = health.getIfAvailable();
        HealthDescriptor group = endpoint != null ? endpoint.healthForPath("readiness") : null;
        if (group instanceof CompositeHealthDescriptor composite) {
            for (Map.Entry<String, HealthDescriptor> component :
                    composite.getComponents().entrySet()) {
                if (!component.getKey().equals(READINESS_STATE_COMPONENT)
                        && !Status.UP.equals(component.getValue().getStatus())) {
                    return false;
                }
            }
            return true;
        }
        return group == null || Status.UP.equals(group.getStatus());
    }
}
