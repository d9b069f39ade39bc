package dev.stallwatch.model;

import java.util.Objects;

/**
 * Across the fleet, hosts that made one kind of {@link Mitigation} and their hang rates before and
 * after it. Published on the compacted {@code stallwatch.mitigations} keyed by {@link #kind()}.
 *
 * @param rateBefore hang incidents per host-day before the change; 0 with no observed days
 * @param rateAfter hang incidents per host-day after the change; 0 with no observed days
 */
public record MitigationStats(
    String kind,
    int hosts,
    int hangsBefore,
    double daysBefore,
    double rateBefore,
    int hangsAfter,
    double daysAfter,
    double rateAfter) {

  public MitigationStats {
    Objects.requireNonNull(kind, "kind");
  }

  public static MitigationStats empty(String kind) {
    return new MitigationStats(kind, 0, 0, 0, 0, 0, 0, 0);
  }

  /** These totals with one host's mitigation added (+1) or taken away (-1). */
  public MitigationStats plus(int sign, Mitigation m) {
    int newHosts = hosts + sign;
    int before = hangsBefore + sign * m.hangsBefore();
    int after = hangsAfter + sign * m.hangsAfter();
    double dBefore = Math.max(0, daysBefore + sign * m.daysBefore());
    double dAfter = Math.max(0, daysAfter + sign * m.daysAfter());
    return new MitigationStats(
        kind,
        Math.max(0, newHosts),
        Math.max(0, before),
        dBefore,
        rate(before, dBefore),
        Math.max(0, after),
        dAfter,
        rate(after, dAfter));
  }

  private static double rate(int hangs, double days) {
    return days <= 0 ? 0 : Math.max(0, hangs) / days;
  }
}
