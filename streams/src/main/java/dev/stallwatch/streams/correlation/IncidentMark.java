package dev.stallwatch.streams.correlation;

import java.time.Instant;

/**
 * An incident a host had, remembered for fleet statistics after the incident itself is gone.
 *
 * @param hang whether its rule describes a hang (counted in hang rates)
 */
public record IncidentMark(Instant at, String rule, boolean hang) {}
