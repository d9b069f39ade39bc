package dev.stallwatch.collector;

import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Samples {@code proc/meminfo} and, on cgroup v2, the root cgroup's {@code memory.current} and a
 * subset of {@code memory.stat} under {@code sys/fs/cgroup}, into one {@link Memory} event.
 */
public final class MemInfoSource implements Source {

  /** The memory.stat keys worth sending: what reclaim and writeback stalls show up in. */
  static final List<String> CGROUP_STAT_KEYS =
      List.of(
          "anon",
          "file",
          "shmem",
          "file_dirty",
          "file_writeback",
          "slab_reclaimable",
          "pgscan",
          "pgsteal",
          "workingset_refault_file");

  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  private final Path meminfo;
  private final Path cgroupCurrent;
  private final Path cgroupStat;
  private final Duration interval;

  /** Reads under {@code root} every 5 seconds. */
  public MemInfoSource(Path root) {
    this(root, DEFAULT_INTERVAL);
  }

  /**
   * @param root the machine's root: {@code /} live, a fixture or capture directory otherwise
   */
  public MemInfoSource(Path root, Duration interval) {
    Objects.requireNonNull(root, "root");
    this.meminfo = root.resolve("proc/meminfo");
    this.cgroupCurrent = root.resolve("sys/fs/cgroup/memory.current");
    this.cgroupStat = root.resolve("sys/fs/cgroup/memory.stat");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  @Override
  public String name() {
    return "meminfo";
  }

  @Override
  public String description() {
    return "reads proc/meminfo and sys/fs/cgroup/memory.current, memory.stat; sends 11 "
        + "meminfo values and 9 memory.stat values (sizes only)";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    Map<String, Long> kb =
        SourceFiles.parseIfPresent(meminfo, MemInfoParser::parse)
            .orElseThrow(() -> new SourceAbsentException("no file " + meminfo));
    Long current =
        SourceFiles.parseIfPresent(cgroupCurrent, CgroupMemoryParser::parseCurrent).orElse(null);
    Map<String, Long> stat =
        SourceFiles.parseIfPresent(cgroupStat, CgroupMemoryParser::parseStat)
            .map(MemInfoSource::subset)
            .orElse(Map.of());
    return List.of(toEvent(envelopes, now, kb, current, stat));
  }

  private static Map<String, Long> subset(Map<String, Long> stat) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String key : CGROUP_STAT_KEYS) {
      Long value = stat.get(key);
      if (value != null) {
        out.put(key, value);
      }
    }
    return out;
  }

  static Memory toEvent(
      EnvelopeFactory envelopes,
      Instant now,
      Map<String, Long> kb,
      Long cgroupCurrentBytes,
      Map<String, Long> cgroupStat) {
    return new Memory(
        envelopes.next(now),
        kb.get("MemTotal"),
        kb.get("MemFree"),
        kb.get("MemAvailable"),
        kb.get("Buffers"),
        kb.get("Cached"),
        kb.get("Dirty"),
        kb.get("Writeback"),
        kb.get("SwapTotal"),
        kb.get("SwapFree"),
        kb.get("Shmem"),
        kb.get("SReclaimable"),
        cgroupCurrentBytes,
        cgroupStat);
  }
}
