package io.chameleon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One catalogue migration as the upgrader sees it: shipped with the library, applied to the
 * catalogue, or both.
 *
 * @param version the catalogue version the migration leads to, e.g. {@code 1.3}
 * @param description what the migration does, from its script name
 * @param script the script's resource name, empty for a baseline
 * @param checksum SHA-256 of the script text (line endings normalised); empty for a baseline
 * @param baseline true for the row that records a catalogue found already at this version
 *     (created by pg_chameleon), rather than a script this library ran
 * @param installedOn when it was applied; empty while pending
 * @param installedBy the PostgreSQL role that applied it; empty while pending
 * @param executionTime how long its script took; empty while pending
 */
public record MigrationInfo(
    String version,
    String description,
    Optional<String> script,
    Optional<String> checksum,
    boolean baseline,
    Optional<Instant> installedOn,
    Optional<String> installedBy,
    Optional<Duration> executionTime) {}
