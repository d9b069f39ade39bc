package dev.stallwatch.collector;

import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Infers WSL's memory reclaim from the outside: a drop of the page cache while the machine was idle
 * (WSL's {@code gradual} and {@code dropcache} modes run only when the VM is idle). Uses the root
 * cgroup's {@code file} bytes on cgroup v2, else meminfo's Cached. Reclaim reported in the kernel
 * log is the kernel rules' job.
 */
final class ReclaimSource implements Source {

  /** Smallest drop worth reporting: below it, ordinary page cache churn. */
  static final long MIN_DROP_BYTES = 64L << 20;

  /** Share of CPU time idle between two samples for the machine to count as idle. */
  static final double IDLE_SHARE = 0.9;

  record Sample(long cacheBytes, boolean fromCgroup, long idleTicks, long totalTicks) {}

  private final Path meminfo;
  private final Path cgroupStat;
  private final Path procStat;
  private final Duration interval;
  private final HostFacts facts;
  private Sample previous;

  ReclaimSource(Path root, Duration interval, HostFacts facts) {
    this.meminfo = root.resolve("proc/meminfo");
    this.cgroupStat = root.resolve("sys/fs/cgroup/memory.stat");
    this.procStat = root.resolve("proc/stat");
    this.interval = interval;
    this.facts = facts;
  }

  @Override
  public String name() {
    return "reclaim";
  }

  @Override
  public String description() {
    return "reads proc/meminfo, sys/fs/cgroup/memory.stat (file) and proc/stat (cpu line); "
        + "sends a reclaim event with the bytes when the page cache drops by 64 MiB or 5% "
        + "while the machine is idle";
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
    Long file =
        SourceFiles.parseIfPresent(cgroupStat, CgroupMemoryParser::parseStat)
            .map(stat -> stat.get("file"))
            .orElse(null);
    long[] cpu =
        SourceFiles.parseIfPresent(procStat, ReclaimSource::cpuTicks)
            .orElseThrow(() -> new SourceAbsentException("no file " + procStat));
    long cache = file != null ? file : kb.getOrDefault("Cached", 0L) * 1024;
    Sample sample = new Sample(cache, file != null, cpu[0], cpu[1]);
    Sample before = previous;
    previous = sample;
    Reclaim reclaim = infer(before, sample, facts.reclaimMayRun(), envelopes, now);
    return reclaim == null ? List.of() : List.of(reclaim);
  }

  static Reclaim infer(
      Sample before, Sample now, boolean mayRun, EnvelopeFactory envelopes, Instant ts) {
    if (before == null || !mayRun || before.fromCgroup() != now.fromCgroup()) {
      return null;
    }
    long drop = before.cacheBytes() - now.cacheBytes();
    long total = now.totalTicks() - before.totalTicks();
    long idle = now.idleTicks() - before.idleTicks();
    boolean wasIdle = total > 0 && idle >= IDLE_SHARE * total;
    if (!wasIdle || drop < Math.max(MIN_DROP_BYTES, before.cacheBytes() / 20)) {
      return null;
    }
    return new Reclaim(
        envelopes.next(ts),
        drop,
        now.fromCgroup() ? Reclaim.InferredFrom.CGROUP_DELTA : Reclaim.InferredFrom.MEMINFO_DELTA,
        null);
  }

  static Sample sampleOf(long cacheBytes, boolean fromCgroup, long idleTicks, long totalTicks) {
    return new Sample(cacheBytes, fromCgroup, idleTicks, totalTicks);
  }

  /** Idle (idle + iowait) and total ticks of the aggregate {@code cpu} line of /proc/stat. */
  static long[] cpuTicks(String procStat) throws FormatException {
    for (String line : procStat.split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 6) {
          break;
        }
        long total = 0;
        try {
          for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
          }
          return new long[] {Long.parseLong(f[4]) + Long.parseLong(f[5]), total};
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw new FormatException(
        "no 'cpu USER NICE SYSTEM IDLE IOWAIT ...' line in " + SourceFiles.excerpt(procStat));
  }
}
