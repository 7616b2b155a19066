package dev.mercato.messaging.config;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the {@link HousekeepingTask}s on one scheduler thread while the application runs. */
public final class Housekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final List<HousekeepingTask> tasks;
    private volatile ScheduledExecutorService scheduler;

    public Housekeeping(List<HousekeepingTask> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("messaging-housekeeping").factory());
        for (HousekeepingTask task : tasks) {
            long millis = task.interval().toMillis();
            scheduler.scheduleWithFixedDelay(() -> run(task), 0, millis, TimeUnit.MILLISECONDS);
        }
    }

    private static void run(HousekeepingTask task) {
        try {
            task.work().run();
        } catch (RuntimeException e) {
            log.warn("Messaging housekeeping task '{}' failed: {}", task.name(), e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = scheduler;
        if (current != null) {
            current.shutdownNow();
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
