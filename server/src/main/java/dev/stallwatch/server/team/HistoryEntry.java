package dev.stallwatch.server.team;

import java.time.Instant;

/**
 * One line of an incident's history.
 *
 * @param what {@code opened}, {@code escalated}, {@code acknowledged}, {@code note}, {@code
 *     silenced}, {@code suppressed} or {@code resolved}
 * @param by who, for what people did; null for what the analyzer saw
 * @param detail the comment, note, severity reached, or what silenced or suppressed it
 */
public record HistoryEntry(Instant at, String what, String by, String detail) {}
