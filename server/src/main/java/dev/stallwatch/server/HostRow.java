package dev.stallwatch.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.HostState;
import dev.stallwatch.streams.correlation.rules.Rule;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One host as {@code /api/hosts} lists it: its state in one word, versions, setup, hangs and risk.
 * Values a host never reported are written as null, so a table shows the gap.
 *
 * @param state {@code silent} when it stopped reporting, else {@code hanging} with an open
 *     incident, else {@code resource-saver} while Docker Desktop is in it, else {@code ok}
 * @param riskReasons per rule its setup matches, {@code "rule: why"}
 * @param cohort the key of its cohort in {@code /api/cohorts}
 */
record HostRow(
    String host,
    String hostName,
    String state,
    @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastSeen,
    Versions versions,
    @JsonInclude(JsonInclude.Include.ALWAYS) String reclaimMode,
    @JsonInclude(JsonInclude.Include.ALWAYS) String cgroupLayout,
    @JsonInclude(JsonInclude.Include.ALWAYS) Boolean resourceSaverEnabled,
    @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastHangAt,
    int hangs7d,
    boolean atRisk,
    List<String> riskReasons,
    int openIncidents,
    List<String> openRules,
    String cohort) {

  static final String OK = "ok";
  static final String RESOURCE_SAVER = "resource-saver";
  static final String HANGING = "hanging";
  static final String SILENT = "silent";
  static final List<String> STATES = List.of(OK, RESOURCE_SAVER, HANGING, SILENT);

  /** The versions the host reported; one it did not report is null. */
  record Versions(
      @JsonInclude(JsonInclude.Include.ALWAYS) String wsl,
      @JsonInclude(JsonInclude.Include.ALWAYS) String kernel,
      @JsonInclude(JsonInclude.Include.ALWAYS) String dockerDesktop,
      @JsonInclude(JsonInclude.Include.ALWAYS) String windows) {}

  static HostRow of(HostState host, RuleBook rules) {
    HostContext context = host.context();
    return new HostRow(
        host.host(),
        host.hostName() != null ? host.hostName() : host.host(),
        stateOf(host),
        host.lastSeen(),
        new Versions(
            context.wslVersion(),
            context.kernelVersion(),
            context.dockerDesktopVersion(),
            context.windowsVersion()),
        reclaimMode(context.autoMemoryReclaim()),
        context.cgroupLayout() == null ? null : context.cgroupLayout().wireName(),
        context.resourceSaverEnabled(),
        host.lastIncidentAt(),
        host.incidentsLast7Days(),
        host.atRisk(),
        host.riskRules().stream().map(rule -> riskReason(rule, rules)).toList(),
        host.openIncidents(),
        host.openRules(),
        CohortStats.emptyFor(context).key());
  }

  static String stateOf(HostState host) {
    if (host.silent()) {
      return SILENT;
    }
    if (host.openIncidents() > 0) {
      return HANGING;
    }
    return host.resourceSaverActive() ? RESOURCE_SAVER : OK;
  }

  /** The mode WSL acts on; a value WSL does not know it ignores, so that is no mode at all. */
  private static String reclaimMode(String raw) {
    if (raw == null) {
      return null;
    }
    String mode = raw.strip().toLowerCase(Locale.ROOT);
    return HostContext.RECLAIM_MODES.contains(mode) ? mode : null;
  }

  private static String riskReason(String ruleId, RuleBook rules) {
    return rules
        .rule(ruleId)
        .map(Rule::title)
        .map(title -> "%s: its setup matches \"%s\".".formatted(ruleId, title))
        .orElse(ruleId + ": its setup matches this rule's conditions.");
  }
}
