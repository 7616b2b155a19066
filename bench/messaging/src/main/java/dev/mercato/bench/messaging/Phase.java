package dev.mercato.bench.messaging;

/** One step of the benchmark; bench.phase picks it by name. */
interface Phase {

    String name();

    /** Runs the step and prints its result lines. */
    void run() throws Exception;
}
