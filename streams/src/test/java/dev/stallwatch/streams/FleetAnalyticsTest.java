package dev.stallwatch.streams;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.MitigationStats;
import dev.stallwatch.streams.scenarios.Scenarios;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FleetAnalyticsTest {

  // The analyzer runs after the four days these timelines span, so that none is ahead of its clock.
  private final TopologyHarness harness = new TopologyHarness(HostEvents.BASE.plus(ofDays(5)));

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldCountHostsIncidentsAndHostsAtRiskPerCohort() {
    harness.pipeAll(Scenarios.resourceSaverUnderGradual().events());
    HostEvents chen = new HostEvents("dev-chen");
    harness.pipe(chen.inventory(ofMinutes(0), HostEvents.machine()));
    harness.pipe(chen.heartbeat(ofMinutes(1)));
    HostEvents dara = new HostEvents("dev-dara");
    harness.pipe(dara.inventory(ofMinutes(0), "dropcache", "4.43.0"));
    harness.pipe(dara.heartbeat(ofMinutes(1)));
    harness.settle();

    Map<String, CohortStats> cohorts = latest(harness.cohorts.readRecordsToList());

    CohortStats gradual = cohorts.get("wsl=2.5.7.0 dd=4.42.0 reclaim=gradual rs=on cgroup=v2");
    assertThat(gradual.hosts()).isEqualTo(2);
    assertThat(gradual.hostsWithIncidents()).isEqualTo(1);
    assertThat(gradual.rate()).isEqualTo(0.5);
    assertThat(gradual.hostsAtRisk()).as("dev-chen").isEqualTo(1);
    CohortStats dropcache = cohorts.get("wsl=2.5.7.0 dd=4.43.0 reclaim=dropcache rs=on cgroup=v2");
    assertThat(dropcache.hosts()).isEqualTo(1);
    assertThat(dropcache.hostsWithIncidents()).isZero();
  }

  @Test
  void shouldMoveAHostToItsNewCohortWhenItsSetupChanges() {
    HostEvents emil = new HostEvents("dev-emil");
    harness.pipe(emil.inventory(ofMinutes(0), "gradual", "4.42.0"));
    harness.pipe(emil.inventory(ofMinutes(5), "dropcache", "4.42.0"));
    harness.pipe(emil.heartbeat(ofMinutes(6)));
    harness.settle();

    Map<String, CohortStats> cohorts = latest(harness.cohorts.readRecordsToList());

    assertThat(cohorts.get("wsl=2.5.7.0 dd=4.42.0 reclaim=gradual rs=on cgroup=v2").hosts())
        .isZero();
    assertThat(cohorts.get("wsl=2.5.7.0 dd=4.42.0 reclaim=dropcache rs=on cgroup=v2").hosts())
        .isEqualTo(1);
  }

  @Test
  void shouldCompareHangRatesBeforeAndAfterHostsTurnResourceSaverOff() {
    HostEvents fatima = new HostEvents("dev-fatima");
    HostEvents.Machine before = HostEvents.machine().reclaim(null);
    harness.pipe(fatima.inventory(ofMinutes(0), before));
    harness.pipe(fatima.entered(ofDays(1)));
    harness.pipe(fatima.hungTask(ofDays(1).plusMinutes(5), "ls", 9127, 120));
    harness.pipe(fatima.exited(ofDays(1).plusMinutes(10)));
    harness.pipe(fatima.inventory(ofDays(2), before.resourceSaver(false)));
    harness.pipe(fatima.heartbeat(ofDays(4)));
    harness.settle();

    Map<String, MitigationStats> mitigations = latest(harness.mitigations.readRecordsToList());

    MitigationStats off = mitigations.get("resource-saver-off");
    assertThat(off.hosts()).isEqualTo(1);
    assertThat(off.hangsBefore()).isEqualTo(1);
    assertThat(off.rateBefore()).isEqualTo(0.5);
    assertThat(off.hangsAfter()).isZero();
    assertThat(off.daysAfter()).isEqualTo(2.0);
    assertThat(off.rateAfter()).isZero();
  }

  private static <V> Map<String, V> latest(java.util.List<TestRecord<String, V>> records) {
    Map<String, V> latest = new LinkedHashMap<>();
    records.forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }
}
