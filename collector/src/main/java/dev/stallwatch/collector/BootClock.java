package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the kernel's monotonic time since boot to wall-clock time, from the boot time in {@code
 * proc/stat}'s {@code btime} line. btime has whole-second precision, and the monotonic clock does
 * not count time the VM was suspended, so the mapping can drift by that much after a host sleep.
 *
 * @param bootTime when the kernel booted
 */
public record BootClock(Instant bootTime) {

  private static final Pattern BTIME = Pattern.compile("(?m)^btime (\\d{1,12})$");

  public BootClock {
    Objects.requireNonNull(bootTime, "bootTime");
  }

  /**
   * The boot time of the machine under {@code root}.
   *
   * @throws SourceAbsentException when {@code proc/stat} does not exist under the root
   * @throws FormatException when it has no {@code btime} line
   */
  public static BootClock read(Path root) throws IOException {
    Path stat = root.resolve("proc/stat");
    return SourceFiles.parseIfPresent(stat, BootClock::parseBtime)
        .map(BootClock::new)
        .orElseThrow(() -> new SourceAbsentException("no file " + stat + " to read btime from"));
  }

  /** The instant of the {@code btime SECONDS} line of /proc/stat's text. */
  static Instant parseBtime(String procStat) throws FormatException {
    Matcher m = BTIME.matcher(procStat);
    if (!m.find()) {
      throw new FormatException("no 'btime SECONDS' line in " + SourceFiles.excerpt(procStat));
    }
    return Instant.ofEpochSecond(Long.parseLong(m.group(1)));
  }

  /** The wall-clock time of a monotonic timestamp in microseconds since boot. */
  public Instant wallTime(long microsSinceBoot) {
    return bootTime.plus(microsSinceBoot, ChronoUnit.MICROS);
  }
}
