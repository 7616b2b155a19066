package dev.mercato.jobs.history;

/**
 * How a run ended. A turn skipped because another instance held the lock is not a run and is not recorded (only
 * counted, {@code mercato.jobs.skipped}). {@code RUNNING} is a run not ended yet, or one whose instance died in it.
 */
public enum Outcome {
    RUNNING,
    SUCCEEDED,
    FAILED
}
