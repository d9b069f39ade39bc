package dev.stallwatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The current state of one host, as the analyzer sees it. Published on the compacted {@code
 * stallwatch.hosts} keyed by host id.
 *
 * @param lastSeen event time of the newest event from the host
 * @param lastSeq the collector's newest sequence number
 * @param missingEvents events the collector numbered but that never arrived (gaps in seq)
 * @param resourceSaverActive whether Docker Desktop is in Resource Saver, as last seen
 * @param openRules rules of the host's open incidents
 * @param silent whether the host stopped reporting while it was active (a possible VM freeze)
 * @param incidentsLast7Days incidents opened in the 7 days up to {@code lastSeen}
 * @param lastIncidentAt when the host's newest incident opened; null if it never had one
 * @param riskRules rules whose context this host matches, so it can hang the way they describe
 * @param atRisk {@code riskRules} is not empty and the host has had no incident yet
 * @param mitigations changes the host made that should prevent hangs, with hang counts around them
 * @param hostName the machine's display name from its context, so lists need not open the context
 */
public record HostState(
    String host,
    HostContext context,
    Instant lastSeen,
    Instant lastHeartbeat,
    long lastSeq,
    long missingEvents,
    boolean resourceSaverActive,
    int openIncidents,
    List<String> openRules,
    boolean silent,
    int incidentsLast7Days,
    Instant lastIncidentAt,
    List<String> riskRules,
    boolean atRisk,
    List<Mitigation> mitigations,
    String hostName) {

  public HostState {
    Objects.requireNonNull(host, "host");
    context = context == null ? HostContext.UNKNOWN : context;
    openRules = openRules == null ? List.of() : List.copyOf(openRules);
    riskRules = riskRules == null ? List.of() : List.copyOf(riskRules);
    mitigations = mitigations == null ? List.of() : List.copyOf(mitigations);
    hostName = HostNames.checked("hostName", hostName != null ? hostName : context.hostName());
  }

  /** The state as written before {@code hostName} existed; the name comes from the context. */
  public HostState(
      String host,
      HostContext context,
      Instant lastSeen,
      Instant lastHeartbeat,
      long lastSeq,
      long missingEvents,
      boolean resourceSaverActive,
      int openIncidents,
      List<String> openRules,
      boolean silent,
      int incidentsLast7Days,
      Instant lastIncidentAt,
      List<String> riskRules,
      boolean atRisk,
      List<Mitigation> mitigations) {
    this(
        host,
        context,
        lastSeen,
        lastHeartbeat,
        lastSeq,
        missingEvents,
        resourceSaverActive,
        openIncidents,
        openRules,
        silent,
        incidentsLast7Days,
        lastIncidentAt,
        riskRules,
        atRisk,
        mitigations,
        null);
  }

  /** The state with only the fields of the first version of this record. */
  public HostState(
      String host,
      HostContext context,
      Instant lastSeen,
      Instant lastHeartbeat,
      long lastSeq,
      long missingEvents,
      boolean resourceSaverActive,
      int openIncidents) {
    this(
        host,
        context,
        lastSeen,
        lastHeartbeat,
        lastSeq,
        missingEvents,
        resourceSaverActive,
        openIncidents,
        List.of(),
        false,
        0,
        null,
        List.of(),
        false,
        List.of(),
        null);
  }
}
