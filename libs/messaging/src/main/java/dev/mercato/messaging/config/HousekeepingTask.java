package dev.mercato.messaging.config;

import java.time.Duration;

/** Periodic work of the library (cleanup, gauges), run by {@link Housekeeping}. */
public record HousekeepingTask(String name, Duration interval, Runnable work) {}
