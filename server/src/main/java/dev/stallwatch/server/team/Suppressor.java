package dev.stallwatch.server.team;

/**
 * The incident whose cause explains an alert's symptom, so the alert is not sent.
 *
 * @param incidentId the explaining incident
 * @param rule its rule, e.g. {@code vm-freeze}
 */
public record Suppressor(String incidentId, String rule) {}
