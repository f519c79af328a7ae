package io.chameleon;

import java.time.Duration;
import java.util.Optional;

/**
 * Progress of an initial copy or a re-sync.
 *
 * @param tablesTotal tables to copy
 * @param tablesDone tables copied
 * @param rowsCopied rows copied so far
 * @param rowsEstimated the source's estimate of the rows to copy (information_schema), may be off
 * @param rowsPerSecond the average rate since the copy started
 * @param timeLeft an estimate from the rate and the rows left, when there is one
 */
public record CopyStatus(
    int tablesTotal, int tablesDone, long rowsCopied, long rowsEstimated, double rowsPerSecond,
    Optional<Duration> timeLeft) {}
