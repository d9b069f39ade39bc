package dev.stallwatch.streams.correlation.rules;

import java.time.Duration;

/**
 * What ends a rule's incident.
 *
 * @param onResourceSaverExit Docker Desktop left Resource Saver
 * @param onSignalCleared the signal itself cleared (apt run finished, engine answered, host back)
 * @param quiet no new evidence for this long; null never
 * @param onContextMismatch a new inventory no longer matches the rule's context
 */
public record Resolution(
    boolean onResourceSaverExit,
    boolean onSignalCleared,
    Duration quiet,
    boolean onContextMismatch) {}
