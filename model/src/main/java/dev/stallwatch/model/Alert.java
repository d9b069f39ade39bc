package dev.stallwatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A notification derived from an incident: firing when it opens, resolved when it clears. Published
 * on {@code stallwatch.alerts} keyed by {@link #fingerprint()}.
 *
 * @param fingerprint {@code host/rule}: one alert per host and rule, however many incidents
 * @param endsAt null while firing
 */
public record Alert(
    String fingerprint,
    String host,
    String rule,
    Status status,
    Severity severity,
    String summary,
    String incidentId,
    Instant startsAt,
    Instant endsAt) {

  public enum Status {
    FIRING,
    RESOLVED
  }

  public Alert {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(startsAt, "startsAt");
  }

  public static String fingerprintOf(String host, String rule) {
    return host + "/" + rule;
  }
}
