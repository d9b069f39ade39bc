package dev.stallwatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The current state of one host, as the analyzer sees it. Published on the compacted {@code
 * stallwatch.hosts} keyed by host id.
 *
 * @param lastSeen event time of the newest event from the host
 * @param lastSeq the collector's newest sequence number
 * @param missingEvents events the collector numbered but that never arrived (gaps in seq)
 * @param resourceSaverActive whether Docker Desktop is in Resource Saver, as last seen
 */
public record HostState(
    String host,
    HostContext context,
    Instant lastSeen,
    Instant lastHeartbeat,
    long lastSeq,
    long missingEvents,
    boolean resourceSaverActive,
    int openIncidents) {

  public HostState {
    Objects.requireNonNull(host, "host");
    context = context == null ? HostContext.UNKNOWN : context;
  }
}
