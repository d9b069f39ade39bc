package dev.stallwatch.collector;

import dev.stallwatch.model.event.IoStall;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches {@code proc/diskstats} for a disk with I/Os in flight and no completions: when that lasts
 * the threshold, one {@link IoStall} of kind DISKSTATS is sent for the episode.
 */
final class DiskStatsSource implements Source {

  private record Progress(long completed, Instant since, boolean reported) {}

  private final Path diskstats;
  private final Duration interval;
  private final Duration threshold;
  private final Map<String, Progress> disks = new HashMap<>();

  DiskStatsSource(Path root, Duration interval, Duration threshold) {
    this.diskstats = root.resolve("proc/diskstats");
    this.interval = interval;
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return "diskstats";
  }

  @Override
  public String description() {
    return "reads proc/diskstats; sends an io_stall with the disk name (sda...) when I/Os "
        + "stay in flight with no completions";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    List<DiskStatsParser.Disk> sample =
        SourceFiles.parseIfPresent(diskstats, text -> DiskStatsParser.parse(text, Problems.IGNORE))
            .orElseThrow(() -> new SourceAbsentException("no file " + diskstats));
    return accept(sample, now, envelopes);
  }

  /** The stalls one sample shows, given the samples before it. */
  List<TelemetryEvent> accept(
      List<DiskStatsParser.Disk> sample, Instant now, EnvelopeFactory envelopes) {
    List<TelemetryEvent> events = new ArrayList<>();
    for (DiskStatsParser.Disk disk : sample) {
      Progress before = disks.get(disk.name());
      if (before == null || disk.completed() != before.completed() || disk.inFlight() == 0) {
        disks.put(disk.name(), new Progress(disk.completed(), now, false));
        continue;
      }
      Duration stalled = Duration.between(before.since(), now);
      if (!before.reported() && stalled.compareTo(threshold) >= 0) {
        events.add(
            new IoStall(
                envelopes.next(now),
                IoStall.Kind.DISKSTATS,
                disk.name(),
                stalled.toMillis(),
                "%d request(s) in flight, no completions for %d s"
                    .formatted(disk.inFlight(), stalled.toSeconds())));
        disks.put(disk.name(), new Progress(before.completed(), before.since(), true));
      }
    }
    return events;
  }
}
