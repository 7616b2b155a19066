package dev.mercato.pspsim.fault;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * @param latencyMs added to every provider API request
 * @param jitterMs up to this much more, uniformly at random
 * @param failureRate the fraction of provider API requests answered 503 before anything is done
 */
record FaultSettings(
        @NotNull @Min(0) @Max(120_000) Long latencyMs,
        @NotNull @Min(0) @Max(60_000) Long jitterMs,
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double failureRate) {}
