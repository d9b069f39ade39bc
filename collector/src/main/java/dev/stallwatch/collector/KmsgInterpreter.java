package dev.stallwatch.collector;

import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns /dev/kmsg lines into events: parses each record line, follows the kernel's sequence numbers
 * and runs the rules on the message. Pure apart from its counters and logging. One reader thread
 * calls {@link #accept}; the counters may be read from any thread.
 */
final class KmsgInterpreter {

  /** The {@code kernel_log} rule id of a gap in the kernel's sequence numbers. */
  static final String LOST_RULE = "kmsg_lost";

  private static final Logger LOG = LoggerFactory.getLogger(KmsgInterpreter.class);

  private final BootClock clock;
  private final KernelLogMatcher matcher;
  private volatile long lastSeq = -1;
  private volatile long lostRecords;
  private volatile long gaps;
  private volatile long malformedLines;

  private final Problems problems;
  private long lineNumber;

  KmsgInterpreter(BootClock clock, List<KernelRule> rules) {
    this(clock, rules, Problems.IGNORE);
  }

  /**
   * @param problems told about every line that is not a record, with its number
   */
  KmsgInterpreter(BootClock clock, List<KernelRule> rules, Problems problems) {
    this.problems = problems;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.matcher = new KernelLogMatcher(rules);
  }

  /**
   * The event for one line, if a rule matches it. Continuation lines (the {@code KEY=value}
   * dictionary of the record before) carry nothing the rules read and are passed over; lines that
   * are not records are counted and skipped; records already seen (after a reopen) too.
   */
  List<TelemetryEvent> accept(String line, EnvelopeFactory envelopes) {
    lineNumber++;
    if (line.isEmpty() || KmsgParser.isContinuation(line)) {
      return List.of();
    }
    try {
      KmsgRecord record = KmsgParser.parse(line);
      long lost = advance(record.seq());
      if (lost < 0) {
        return List.of();
      }
      Instant ts = clock.wallTime(record.microsSinceBoot());
      List<TelemetryEvent> events =
          matcher.accept(record.message(), record.priority(), ts, envelopes);
      if (lost == 0) {
        return events;
      }
      // A gap is worth sending: a hung-task report may be among what the kernel overwrote.
      List<TelemetryEvent> withGap = new ArrayList<>(events.size() + 1);
      withGap.add(
          new KernelLog(
              envelopes.next(ts),
              LOST_RULE,
              "kernel log lost %d record(s) before seq %d".formatted(lost, record.seq()),
              null));
      withGap.addAll(events);
      return withGap;
    } catch (FormatException | RuntimeException e) {
      malformedLines++;
      problems.report((int) Math.min(Integer.MAX_VALUE, lineNumber), e.getMessage());
      // The first one is worth a warning; a file full of garbage is not worth thousands.
      if (malformedLines == 1) {
        LOG.warn("skipping kmsg line: {}", e.getMessage());
      } else {
        LOG.debug("skipping kmsg line ({} so far): {}", malformedLines, e.getMessage());
      }
      return List.of();
    }
  }

  /** Events of a split message still waiting for its second half, at the end of the input. */
  List<TelemetryEvent> flush(EnvelopeFactory envelopes) {
    return matcher.flush(envelopes);
  }

  /** Follows the sequence: -1 for a record already seen, else how many records went missing. */
  private long advance(long seq) {
    if (lastSeq >= 0 && seq <= lastSeq) {
      return -1;
    }
    long lost = 0;
    if (lastSeq >= 0 && seq > lastSeq + 1) {
      lost = seq - lastSeq - 1;
      lostRecords += lost;
      gaps++;
      LOG.warn(
          "kernel log lost {} record(s) between seq {} and {} ({} lost so far)",
          lost,
          lastSeq,
          seq,
          lostRecords);
    }
    lastSeq = seq;
    return lost;
  }

  /** Records the kernel overwrote before they were read, from jumps in their sequence numbers. */
  long lostRecords() {
    return lostRecords;
  }

  /** How many times the sequence jumped. */
  long gaps() {
    return gaps;
  }

  /** Lines that were neither records nor continuations. */
  long malformedLines() {
    return malformedLines;
  }

  /** The sequence number of the newest record read, -1 before the first. */
  long lastSeq() {
    return lastSeq;
  }
}
