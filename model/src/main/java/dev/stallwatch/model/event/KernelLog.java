package dev.stallwatch.model.event;

import java.util.Objects;

/**
 * A kernel log line that matched one of the collector's rules (RCU stall, WSL reclaim error, cgroup
 * controller disabled, I/O error).
 *
 * @param rule the id of the matching rule
 * @param priority syslog priority (0 emergency .. 7 debug) when the source had one
 */
public record KernelLog(Envelope envelope, String rule, String line, Integer priority)
    implements TelemetryEvent {

  public KernelLog {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(line, "line");
  }
}
