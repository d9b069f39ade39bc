package dev.stallwatch.streams.correlation;

import java.time.Instant;

/**
 * The alert of one rule on one host while it lasts.
 *
 * @param incidentId the incident it stands for now
 * @param muted inhibited by another rule's incident: it was never sent and is not resolved either
 */
public record ActiveAlert(String rule, String incidentId, Instant startsAt, boolean muted) {}
