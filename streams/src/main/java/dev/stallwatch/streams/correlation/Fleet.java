package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Mitigation;
import dev.stallwatch.model.MitigationStats;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fleet analytics as pure folds over host states: each host is added to its cohort when its state
 * appears and taken away when it changes, so the topology can keep them with a table aggregation.
 */
public final class Fleet {

  /** The identity of the cohort aggregation, before any host is added. */
  public static final CohortStats NO_COHORT = new CohortStats("", "", "", "", "", 0, 0, 0, 0);

  private Fleet() {}

  /** The cohort key of the host ({@code wsl=.. dd=.. reclaim=.. rs=.. cgroup=..}). */
  public static String cohortOf(HostState state) {
    return CohortStats.emptyFor(state.context()).key();
  }

  /** The cohort with the host added ({@code sign} +1) or taken away (-1). */
  public static CohortStats cohortWith(CohortStats cohort, HostState state, int sign) {
    CohortStats base =
        cohort == null || cohort.key().equals(NO_COHORT.key())
            ? CohortStats.emptyFor(state.context())
            : cohort;
    return base.plus(sign, state.incidentsLast7Days() > 0, state.atRisk());
  }

  /** Mitigation totals per kind across the fleet. */
  public record Mitigations(Map<String, MitigationStats> byKind) {

    public Mitigations {
      byKind = Map.copyOf(byKind);
    }

    public static Mitigations none() {
      return new Mitigations(Map.of());
    }

    /** The totals with the host's mitigations added ({@code sign} +1) or taken away (-1). */
    public Mitigations with(HostState state, int sign) {
      Map<String, MitigationStats> next = new TreeMap<>(byKind);
      for (Mitigation mitigation : state.mitigations()) {
        MitigationStats current =
            next.getOrDefault(mitigation.kind(), MitigationStats.empty(mitigation.kind()));
        next.put(mitigation.kind(), current.plus(sign, mitigation));
      }
      return new Mitigations(next);
    }
  }
}
