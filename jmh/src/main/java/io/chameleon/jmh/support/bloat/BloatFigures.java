package io.chameleon.jmh.support.bloat;

/**
 * What one run did to its log tables (all of them, summed).
 *
 * @param startBytes size in bytes when the run started
 * @param bytesAtPoint size in bytes at every {@value BloatSampler#PERCENT_PER_POINT}% of the
 *     run's batches, {@value BloatSampler#POINTS} points, the last one at the end
 * @param endBytes size at the end, every batch replayed
 * @param peakBytes largest size seen
 * @param endDeadTuples dead tuples at the end ({@code n_dead_tup})
 * @param peakDeadTuples most dead tuples seen
 * @param autovacuumRuns times autovacuum vacuumed one of the tables during the run
 * @param deadlocks deadlocks PostgreSQL detected in the tables' database during the run
 */
public record BloatFigures(long startBytes, long[] bytesAtPoint, long endBytes, long peakBytes, long endDeadTuples,
    long peakDeadTuples, long autovacuumRuns, long deadlocks) {}
