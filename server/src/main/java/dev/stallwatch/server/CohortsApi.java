package dev.stallwatch.server;

import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.MitigationStats;
import dev.stallwatch.server.fleet.FleetView;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/cohorts}: the cohorts of WSL × Docker Desktop × reclaim mode × Resource Saver ×
 * cgroup layout with their hang rates and whether a fix exists for each ({@link CohortFixes}), and
 * the fleet's mitigations with hang rates before and after.
 */
final class CohortsApi {

  record Cohorts(List<Cohort> cohorts, List<MitigationStats> mitigations) {}

  /**
   * One cohort.
   *
   * @param rate hosts with an incident in their last 7 days, divided by hosts
   */
  record Cohort(
      String key,
      String wsl,
      String dockerDesktop,
      String reclaim,
      String resourceSaver,
      String cgroup,
      int hosts,
      int hostsWithIncidents,
      int hostsAtRisk,
      double rate,
      CohortFixes.Fix fix) {}

  private final FleetView fleet;
  private final CohortFixes fixes;

  CohortsApi(FleetView fleet, CohortFixes fixes) {
    this.fleet = fleet;
    this.fixes = fixes;
  }

  /** Largest cohorts first; mitigations by kind. */
  void cohorts(Context ctx) {
    List<Cohort> cohorts =
        fleet.cohorts().stream()
            .sorted(
                Comparator.comparingInt(CohortStats::hosts)
                    .reversed()
                    .thenComparing(CohortStats::key))
            .map(this::cohort)
            .toList();
    List<MitigationStats> mitigations =
        fleet.mitigations().stream().sorted(Comparator.comparing(MitigationStats::kind)).toList();
    ctx.json(new Cohorts(cohorts, mitigations));
  }

  private Cohort cohort(CohortStats c) {
    return new Cohort(
        c.key(),
        c.wslVersion(),
        c.dockerDesktopVersion(),
        c.autoMemoryReclaim(),
        c.resourceSaver(),
        c.cgroupLayout(),
        c.hosts(),
        c.hostsWithIncidents(),
        c.hostsAtRisk(),
        c.rate(),
        fixes.of(c));
  }
}
