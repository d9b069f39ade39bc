package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.TelemetryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemInfoSourceTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");
  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 7);

  @Test
  void shouldSampleMeminfoAndTheRootCgroupOnCgroupV2() throws Exception {
    List<TelemetryEvent> events =
        new MemInfoSource(Fixtures.root(Fixtures.CGROUP2)).sample(envelopes, NOW);

    assertThat(events).hasSize(1);
    Memory memory = (Memory) events.getFirst();
    assertThat(memory.ts()).isEqualTo(NOW);
    assertThat(memory.envelope().seq()).isEqualTo(7);
    assertThat(memory.memTotalKb()).isEqualTo(16318412L);
    assertThat(memory.memFreeKb()).isEqualTo(13920848L);
    assertThat(memory.memAvailableKb()).isEqualTo(15354620L);
    assertThat(memory.buffersKb()).isEqualTo(67412L);
    assertThat(memory.cachedKb()).isEqualTo(1578260L);
    assertThat(memory.dirtyKb()).isEqualTo(84L);
    assertThat(memory.writebackKb()).isZero();
    assertThat(memory.swapTotalKb()).isEqualTo(4194304L);
    assertThat(memory.swapFreeKb()).isEqualTo(4194304L);
    assertThat(memory.shmemKb()).isEqualTo(3356L);
    assertThat(memory.sReclaimableKb()).isEqualTo(123556L);
    assertThat(memory.cgroupCurrentBytes()).isEqualTo(1937833984L);
    assertThat(memory.cgroupStat())
        .containsEntry("anon", 303923200L)
        .containsEntry("file_dirty", 86016L)
        .containsEntry("workingset_refault_file", 1842L)
        .containsEntry("pgscan", 88213L)
        .containsEntry("pgsteal", 80114L)
        .doesNotContainKeys("kernel_stack", "pgfault", "thp_fault_alloc")
        .hasSize(MemInfoSource.CGROUP_STAT_KEYS.size());
  }

  @Test
  void shouldLeaveCgroupFieldsEmptyWithoutCgroupV2MemoryFiles() throws Exception {
    Memory memory =
        (Memory) new MemInfoSource(Fixtures.root(Fixtures.HYBRID)).sample(envelopes, NOW).get(0);

    assertThat(memory.memTotalKb()).isEqualTo(16318412L);
    assertThat(memory.cgroupCurrentBytes()).isNull();
    assertThat(memory.cgroupStat()).isEmpty();
  }

  @Test
  void shouldReportAbsentWhenThereIsNoMeminfo(@TempDir Path root) {
    assertThatThrownBy(() -> new MemInfoSource(root).sample(envelopes, NOW))
        .isInstanceOf(SourceAbsentException.class)
        .hasMessageContaining("proc/meminfo");
  }

  @Test
  void shouldFailWithTheFileNameWhenMeminfoIsBinaryGarbage(@TempDir Path root) throws Exception {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    Files.createDirectories(root.resolve("proc"));
    Files.write(root.resolve("proc/meminfo"), garbage);

    assertThatThrownBy(() -> new MemInfoSource(root).sample(envelopes, NOW))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith(root.resolve("proc/meminfo").toString())
        .hasMessageContaining("MemTotal");
  }

  @Test
  void shouldRefuseAMeminfoLargerThanAnyRealOne(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("proc"));
    Files.writeString(root.resolve("proc/meminfo"), "MemTotal: 1 kB\n" + "x".repeat(2 << 20));

    assertThatThrownBy(() -> new MemInfoSource(root).sample(envelopes, NOW))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void shouldFailWhenACgroupFileIsGarbage(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("proc"));
    Files.createDirectories(root.resolve("sys/fs/cgroup"));
    Files.writeString(root.resolve("proc/meminfo"), "MemTotal:       16318412 kB\n");
    Files.writeString(root.resolve("sys/fs/cgroup/memory.current"), "max\n");

    assertThatThrownBy(() -> new MemInfoSource(root).sample(envelopes, NOW))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("memory.current");
  }
}
