package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the kernel log from {@code dev/kmsg} under the root and emits what the kernel rules match
 * ({@code hung_task} for now), stamped with the message's wall-clock time. Live /dev/kmsg is a
 * character device that blocks until the kernel logs something, so this is a {@link
 * StreamingSource}; a regular file (fixture, capture) is read to its end. After a reopen it skips
 * the records it already read, by their sequence numbers.
 */
public final class KmsgSource implements StreamingSource {

  private static final Logger LOG = LoggerFactory.getLogger(KmsgSource.class);
  // A kmsg record is at most 8 KiB (CONSOLE_EXT_LOG_MAX); anything longer is not one.
  private static final int MAX_LINE_BYTES = 16 * 1024;
  // What read(2) on /dev/kmsg reports when the record it was about to return was overwritten.
  private static final String OVERRUN = "Broken pipe";

  private final Path kmsg;
  private final BootTimeReader bootTime;
  private final List<KernelRule> rules;
  private KmsgInterpreter interpreter;
  private FileChannel channel;
  private boolean closed;

  /** Reads boot time from {@code proc/stat} under the root (see {@link BootClock#read}). */
  @FunctionalInterface
  interface BootTimeReader {
    BootClock read() throws IOException;
  }

  /**
   * @param root the machine's root: {@code /} live, a fixture or capture directory otherwise
   * @param bootTime when the machine booted, to turn kernel timestamps into wall-clock time
   */
  public KmsgSource(Path root, Instant bootTime) {
    this(root, () -> new BootClock(bootTime), KernelRules.shipped());
    Objects.requireNonNull(bootTime, "bootTime");
  }

  KmsgSource(Path root, BootTimeReader bootTime, List<KernelRule> rules) {
    this.kmsg = Objects.requireNonNull(root, "root").resolve("dev/kmsg");
    this.bootTime = Objects.requireNonNull(bootTime, "bootTime");
    this.rules = List.copyOf(rules);
  }

  /**
   * A source that reads the boot time from {@code proc/stat} under the root each time it opens;
   * when that fails the source is FAILING with the reason instead of mapping times wrongly.
   */
  public static KmsgSource withBootTimeUnder(Path root) {
    return withBootTimeUnder(root, KernelRules.shipped());
  }

  static KmsgSource withBootTimeUnder(Path root, List<KernelRule> rules) {
    return new KmsgSource(root, () -> BootClock.read(root), rules);
  }

  @Override
  public String name() {
    return "kmsg";
  }

  /** The rules, for the manifest: only messages they match leave the machine. */
  List<KernelRule> rules() {
    return rules;
  }

  @Override
  public void open() throws IOException {
    if (!Files.exists(kmsg)) {
      throw new SourceAbsentException("no " + kmsg);
    }
    BootClock clock;
    try {
      clock = bootTime.read();
    } catch (SourceAbsentException e) {
      // The log is there but its times cannot be mapped: that is a failure, not an absence.
      throw new IOException("cannot map kernel log times: " + e.getMessage(), e);
    }
    FileChannel opened = FileChannel.open(kmsg, StandardOpenOption.READ);
    synchronized (this) {
      if (closed) {
        opened.close();
        return;
      }
      closeChannel();
      channel = opened;
      // Kept across reopens: its sequence position makes records read before not sent twice.
      if (interpreter == null) {
        interpreter = new KmsgInterpreter(clock, rules);
      }
    }
  }

  @Override
  public void run(EventSink sink, EnvelopeFactory envelopes) throws IOException {
    FileChannel in;
    KmsgInterpreter lines;
    synchronized (this) {
      if (closed || channel == null) {
        return;
      }
      in = channel;
      lines = interpreter;
    }
    BoundedLineReader reader = new BoundedLineReader(in, MAX_LINE_BYTES);
    try {
      String line;
      while ((line = readLine(reader)) != null) {
        lines.accept(line, envelopes).forEach(sink::emit);
      }
      lines.flush(envelopes).forEach(sink::emit);
    } catch (ClosedChannelException e) {
      if (!isClosed()) {
        throw e;
      }
    } finally {
      LOG.debug(
          "kmsg reader stops: {} lost, {} malformed, {} oversized",
          lines.lostRecords(),
          lines.malformedLines(),
          reader.oversizedLines());
    }
  }

  private static String readLine(BoundedLineReader reader) throws IOException {
    while (true) {
      try {
        return reader.readLine();
      } catch (IOException e) {
        if (!OVERRUN.equals(e.getMessage())) {
          throw e;
        }
        // The kernel overwrote records; the next read returns the oldest one left and the
        // interpreter counts the jump in sequence numbers.
        LOG.debug("kmsg overrun, continuing with the oldest record left");
      }
    }
  }

  /** Records lost before they were read, from sequence gaps, since the source was made. */
  public synchronized long lostRecords() {
    return interpreter == null ? 0 : interpreter.lostRecords();
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      closeChannel();
    }
  }

  private void closeChannel() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("cannot close {}: {}", kmsg, e.toString());
    }
    channel = null;
  }
}
