package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Mitigation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Recognizes the setup changes that should stop hangs, and counts hangs around them. */
final class Mitigations {

  private static final double SECONDS_PER_DAY = 86_400.0;

  private Mitigations() {}

  /** The mitigations a host made between two inventories. */
  static List<MitigationMark> between(HostContext before, HostContext after, Instant at) {
    List<MitigationMark> marks = new ArrayList<>();
    if ("gradual".equals(normalized(before.autoMemoryReclaim()))
        && "dropcache".equals(normalized(after.autoMemoryReclaim()))) {
      marks.add(new MitigationMark(MitigationMark.RECLAIM_TO_DROPCACHE, at));
    }
    if (Boolean.TRUE.equals(before.resourceSaverEnabled())
        && Boolean.FALSE.equals(after.resourceSaverEnabled())) {
      marks.add(new MitigationMark(MitigationMark.RESOURCE_SAVER_OFF, at));
    }
    return marks;
  }

  /**
   * Hang incidents before (up to the 30 days remembered) and after each mitigation, with the time
   * the host was observed on each side.
   */
  static List<Mitigation> outcomes(HostFacts facts) {
    List<Mitigation> out = new ArrayList<>();
    if (facts.firstSeen() == null || facts.lastSeen() == null) {
      return out;
    }
    for (MitigationMark mark : facts.mitigations()) {
      Instant from = facts.firstSeen();
      Instant horizon = mark.at().minus(HostFacts.HISTORY);
      if (from.isBefore(horizon)) {
        from = horizon;
      }
      Instant windowStart = from;
      int before = 0;
      int after = 0;
      for (IncidentMark incident : facts.incidents()) {
        if (!incident.hang() || incident.at().isBefore(windowStart)) {
          continue;
        }
        if (incident.at().isBefore(mark.at())) {
          before++;
        } else {
          after++;
        }
      }
      out.add(
          new Mitigation(
              mark.kind(),
              mark.at(),
              before,
              days(windowStart, mark.at()),
              after,
              days(mark.at(), facts.lastSeen())));
    }
    return out;
  }

  private static double days(Instant from, Instant to) {
    Duration span = Duration.between(from, to);
    return span.isNegative() ? 0 : span.toSeconds() / SECONDS_PER_DAY;
  }

  private static String normalized(String value) {
    return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
  }
}
