package dev.stallwatch.collector;

import dev.stallwatch.model.event.IoStall;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A timed disk probe: on its own thread it writes a small file and forces it to disk, then reads it
 * back. A probe slower than the threshold, or one still not back after the timeout (reported once,
 * while it hangs), becomes an {@link IoStall} of kind PROBE. The probe thread is the one thing that
 * may block in a frozen disk; sampling goes on around it.
 */
final class IoProbeSource implements Source, AutoCloseable {

  private final Path probeFile;
  private final Duration interval;
  private final Duration slow;
  private final Duration timeout;
  private final Clock clock;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(new NamedThreadFactory("io-probe"));
  private Future<Duration> running;
  private Instant startedAt;
  private boolean hangReported;

  /**
   * @param probeFile written and read by the probe; on the disk that should be watched
   */
  IoProbeSource(Path probeFile, Duration interval, Duration slow, Duration timeout, Clock clock) {
    this.probeFile = probeFile;
    this.interval = interval;
    this.slow = slow;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "ioprobe";
  }

  @Override
  public String description() {
    return "writes, forces and reads back a 4 KiB file in the state directory on its own "
        + "thread; sends an io_stall with that path and the time when it is slow or does "
        + "not return";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    List<TelemetryEvent> events = new ArrayList<>(1);
    if (running != null && !running.isDone()) {
      Duration waited = Duration.between(startedAt, clock.instant());
      if (!hangReported && waited.compareTo(timeout) >= 0) {
        hangReported = true;
        events.add(
            stall(
                envelopes,
                now,
                waited,
                "probe write+fsync+read has not returned after " + waited.toSeconds() + " s"));
      }
      return events;
    }
    if (running != null) {
      Duration took = result();
      if (took.compareTo(slow) >= 0 && !hangReported) {
        events.add(
            stall(envelopes, now, took, "probe write+fsync+read took " + took.toMillis() + " ms"));
      }
    }
    hangReported = false;
    startedAt = clock.instant();
    running = thread.submit(this::probe);
    return events;
  }

  private Duration result() throws IOException {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException("probe of " + probeFile + " failed: " + e.getCause(), e.getCause());
    }
  }

  private IoStall stall(EnvelopeFactory envelopes, Instant now, Duration took, String detail) {
    return new IoStall(
        envelopes.next(now), IoStall.Kind.PROBE, probeFile.toString(), took.toMillis(), detail);
  }

  private Duration probe() throws IOException {
    long start = System.nanoTime();
    Files.createDirectories(probeFile.toAbsolutePath().getParent());
    ByteBuffer block = ByteBuffer.allocate(4096);
    block.putLong(start).rewind();
    try (FileChannel out =
        FileChannel.open(
            probeFile,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.READ,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(block);
      out.force(true);
      block.clear();
      out.read(block, 0);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
