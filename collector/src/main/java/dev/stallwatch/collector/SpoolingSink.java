package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's sink: {@link #emit} only appends to the disk {@link Spool}, so sampling never
 * waits for Kafka; one sender thread delivers the spool in order through an {@link EventTransport}
 * and advances it only on acknowledgement. While Kafka is unreachable the spool fills (bounded,
 * oldest dropped and counted) and is sent in order once Kafka is back. Actions registered with
 * {@link #afterDelivery} (tail checkpoints) run once the broker acknowledged what came before them.
 */
public final class SpoolingSink implements EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolingSink.class);
  private static final int BATCH = 500;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  // Events of one sampling round arrive within milliseconds of each other; waiting this long
  // after the first sends them as one batch, which is most of the sender's and producer's CPU.
  private static final Duration GATHER = Duration.ofSeconds(2);

  private record Pending(long index, Runnable action) {}

  private final Spool spool;
  private final EventTransport transport;
  private final Duration drainTimeout;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private final AtomicLong failed = new AtomicLong();
  private final Object signal = new Object();
  private final Thread sender;
  private volatile boolean closing;
  private volatile long failureStreak;

  SpoolingSink(Spool spool, EventTransport transport, Duration drainTimeout) {
    this.spool = Objects.requireNonNull(spool, "spool");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
    this.sender = new NamedThreadFactory("sender").newThread(this::sendLoop);
    sender.start();
  }

  /**
   * A sink spooling under {@code stateDir/spool} and sending to Kafka.
   *
   * @param producerConfig Kafka producer settings naming {@code bootstrap.servers}
   */
  public static SpoolingSink toKafka(
      Path stateDir, Map<String, Object> producerConfig, SpoolSettings settings)
      throws IOException {
    Spool spool = new Spool(stateDir.resolve("spool"), settings.maxBytes(), settings.fsync());
    return new SpoolingSink(spool, new KafkaTransport(producerConfig), Duration.ofSeconds(5));
  }

  /**
   * The JSON of every event still in the spool under {@code stateDir}, oldest first, read without
   * changing the spool (a running collector may own it). Empty when there is no spool.
   */
  public static List<String> spooledEvents(Path stateDir) throws IOException {
    Path dir = stateDir.resolve("spool");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> events = new ArrayList<>();
    for (var segment : SpoolFormat.segmentsIn(dir).entrySet()) {
      byte[] bytes = Files.readAllBytes(segment.getValue());
      long index = segment.getKey();
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          Spool.Entry entry = SpoolFormat.parse(index++, bytes, start, i);
          events.add(new String(entry.value(), StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
    }
    // A torn last line (the collector died mid-write) has no newline and is left out.
    return events;
  }

  /** One after the highest seq ever spooled, so a restarted collector continues the count. */
  @Override
  public long resumeSeq() {
    return spool.maxSeq() + 1;
  }

  @Override
  public void emit(TelemetryEvent event) {
    try {
      byte[] json = TelemetryCodec.toBytes(event);
      if (json.length > TelemetryCodec.MAX_EVENT_BYTES) {
        failed.incrementAndGet();
        LOG.error(
            "dropping {} event seq {}: {} bytes exceed the limit of {}",
            event.type(),
            event.envelope().seq(),
            json.length,
            TelemetryCodec.MAX_EVENT_BYTES);
        return;
      }
      spool.append(event.envelope().seq(), event.host(), json);
    } catch (IOException | RuntimeException e) {
      failed.incrementAndGet();
      LOG.error(
          "cannot spool {} event seq {}: {}", event.type(), event.envelope().seq(), e.toString());
      return;
    }
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  @Override
  public void afterDelivery(Runnable action) {
    synchronized (pending) {
      long index = spool.nextIndex();
      if (index <= spool.ackedIndex()) {
        action.run();
      } else {
        pending.add(new Pending(index, action));
      }
    }
  }

  private void sendLoop() {
    while (!closing || spool.depth() > 0) {
      try {
        spool.syncIfDue();
        if (!spool.hasUnread()) {
          if (closing) {
            return;
          }
          awaitSignal(Duration.ofSeconds(1));
          continue;
        }
        if (!closing && spool.depth() < BATCH) {
          pause(GATHER);
        }
        List<Spool.Entry> batch = spool.read(BATCH);
        if (batch.isEmpty()) {
          continue;
        }
        transport.sendAll(batch);
        delivered(batch.getLast().index() + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        spool.rewind();
        // Stopping cuts a send short; what it did not deliver stays spooled, and close says so.
        if (closing || !backOff(e)) {
          return;
        }
      }
    }
  }

  private void delivered(long nextIndex) throws IOException {
    spool.ack(nextIndex);
    if (failureStreak > 0) {
      LOG.info("delivery works again after {} failed attempt(s)", failureStreak);
      failureStreak = 0;
    }
    synchronized (pending) {
      while (!pending.isEmpty() && pending.peek().index() <= nextIndex) {
        Pending next = pending.poll();
        try {
          next.action().run();
        } catch (RuntimeException e) {
          LOG.warn("an after-delivery action failed: {}", e.toString());
        }
      }
    }
  }

  /** Waits before the next attempt; false when the sink is closing and should stop trying. */
  private boolean backOff(Exception e) {
    long streak = ++failureStreak;
    if (streak == 1 || streak % 30 == 0) {
      LOG.warn(
          "cannot deliver to Kafka ({} attempt(s), {} event(s) spooled): {}",
          streak,
          spool.depth(),
          e.toString());
    }
    if (closing) {
      return false;
    }
    long millis = Math.min(MAX_BACKOFF.toMillis(), 250L << Math.min(6, streak));
    synchronized (signal) {
      try {
        // emit() also notifies; the loop only reads after the pause either way.
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long left = millis;
        while (!closing && left > 0) {
          signal.wait(left);
          left = (deadline - System.nanoTime()) / 1_000_000L;
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !closing;
  }

  /** Sleeps unless the sink is closing; emit() does not cut it short. */
  private void pause(Duration time) throws InterruptedException {
    if (!closing) {
      Thread.sleep(time);
    }
  }

  private void awaitSignal(Duration timeout) throws InterruptedException {
    synchronized (signal) {
      if (!spool.hasUnread() && !closing) {
        signal.wait(timeout.toMillis());
      }
    }
  }

  @Override
  public long failedCount() {
    return failed.get() + spool.dropped();
  }

  @Override
  public long spoolDepth() {
    return spool.depth();
  }

  /**
   * Gives the sender a few seconds to deliver what is spooled, then stops it; what is left stays in
   * the spool for the next start.
   */
  @Override
  public void close() {
    closing = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    try {
      sender.join(drainTimeout.toMillis());
      if (sender.isAlive()) {
        sender.interrupt();
        sender.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    transport.close();
    try {
      spool.close();
    } catch (IOException e) {
      LOG.warn("cannot close the spool: {}", e.toString());
    }
    if (spool.depth() > 0) {
      LOG.info("{} event(s) stay spooled for the next start", spool.depth());
    }
  }
}
