package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a machine's sources and hands their events to a sink: polled sources on a shared scheduler
 * (one thread per source at most, so a source stuck in a frozen read delays no other), each
 * streaming source on its own thread. A failing source is logged with its name and how long it
 * took, shows FAILING in the next heartbeat, and is tried again after its interval; the others keep
 * running. The caller owns the sink: {@link #close} stops the sources but does not close it.
 */
public final class Collector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final EnvelopeFactory envelopes;
  private final EventSink sink;
  private final List<Source> polled;
  private final List<StreamingSource> streaming;
  private final SourceHealthReporter reporter;
  private final Duration restartDelay;
  private final Clock clock;
  private final IntFunction<ScheduledExecutorService> schedulers;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<Thread> streamThreads = new ArrayList<>();
  private ScheduledExecutorService scheduler;
  private volatile boolean closed;

  /**
   * A collector of everything a WSL distro shows from inside (see {@link Sources}), with the
   * default configuration but these intervals, no state directory and the Windows home found under
   * the root if there is exactly one. Not started yet.
   *
   * @param root the machine's root: {@code /} live, a capture directory offline
   * @param hostId the stable host id, see {@link HostIds#stable}
   * @param sink where events go; owned by the caller, who closes it after this collector
   */
  public static Collector guest(
      Path root, String hostId, EventSink sink, CollectorSettings settings) {
    Objects.requireNonNull(root, "root");
    return create(Profile.GUEST, Machine.guest(root), hostId, sink, CollectorConfig.of(settings));
  }

  /**
   * A collector of the profile's sources on that machine. Not started yet. Its first event takes
   * the sink's {@link EventSink#resumeSeq}, so a restart on the same state continues the count.
   *
   * @param sink where events go; owned by the caller, who closes it after this collector
   */
  public static Collector create(
      Profile profile, Machine machine, String hostId, EventSink sink, CollectorConfig config) {
    Objects.requireNonNull(sink, "sink");
    SourceHealthBoard health = new SourceHealthBoard();
    HostFacts facts = new HostFacts();
    CheckpointStore checkpoints =
        machine.stateDir() == null
            ? CheckpointStore.inMemory()
            : new CheckpointStore(machine.stateDir());
    List<Source> polled =
        new ArrayList<>(
            profile == Profile.GUEST
                ? Sources.guestPolled(machine, config, facts, checkpoints)
                : Sources.windowsPolled(machine, config, facts, checkpoints));
    polled.add(
        new HeartbeatSource(
            health, sink::failedCount, sink::spoolDepth, config.heartbeatInterval()));
    List<StreamingSource> streaming =
        profile == Profile.GUEST ? Sources.guestStreaming(machine, config) : List.of();
    return new Collector(
        new EnvelopeFactory(hostId, sink.resumeSeq()),
        sink,
        polled,
        streaming,
        health,
        config.sampleInterval(),
        Clock.systemUTC());
  }

  /**
   * @param restartDelay the pause before a streaming source that failed or was absent is opened
   *     again
   */
  Collector(
      EnvelopeFactory envelopes,
      EventSink sink,
      List<Source> polled,
      List<StreamingSource> streaming,
      SourceHealthBoard health,
      Duration restartDelay,
      Clock clock) {
    this(
        envelopes, sink, polled, streaming, health, restartDelay, clock, Collector::samplerThreads);
  }

  /**
   * @param schedulers makes the scheduler of the polled sources for a given number of threads; a
   *     seam so tests can drive time themselves instead of sleeping
   */
  Collector(
      EnvelopeFactory envelopes,
      EventSink sink,
      List<Source> polled,
      List<StreamingSource> streaming,
      SourceHealthBoard health,
      Duration restartDelay,
      Clock clock,
      IntFunction<ScheduledExecutorService> schedulers) {
    this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.polled = List.copyOf(polled);
    this.streaming = List.copyOf(streaming);
    this.reporter = new SourceHealthReporter(health, () -> closed);
    this.restartDelay = Objects.requireNonNull(restartDelay, "restartDelay");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.schedulers = Objects.requireNonNull(schedulers, "schedulers");
    requireUniqueNames();
    for (Source source : this.polled) {
      Duration interval = source.interval();
      if (interval == null || interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "source " + source.name() + ": interval must be positive, was " + interval);
      }
    }
  }

  private static ScheduledExecutorService samplerThreads(int threads) {
    return new ScheduledThreadPoolExecutor(threads, new NamedThreadFactory("sampler"));
  }

  private void requireUniqueNames() {
    Set<String> names = new HashSet<>();
    Stream.concat(polled.stream().map(Source::name), streaming.stream().map(StreamingSource::name))
        .forEach(
            name -> {
              if (name == null || name.isBlank() || !names.add(name)) {
                throw new IllegalArgumentException("source names must be unique: '" + name + "'");
              }
            });
  }

  /**
   * Starts sampling: every polled source at once and then every interval, every streaming source on
   * its own thread.
   *
   * @throws IllegalStateException when started twice or after close
   */
  public synchronized void start() {
    if (scheduler != null || closed) {
      throw new IllegalStateException("a collector starts once");
    }
    scheduler = schedulers.apply(Math.max(1, polled.size()));
    for (Source source : polled) {
      long millis = source.interval().toMillis();
      scheduler.scheduleWithFixedDelay(
          () -> sampleOnce(source), 0, Math.max(1, millis), TimeUnit.MILLISECONDS);
    }
    for (StreamingSource source : streaming) {
      Thread thread =
          new NamedThreadFactory("source-" + source.name()).newThread(() -> stream(source));
      streamThreads.add(thread);
      thread.start();
    }
    LOG.info(
        "collector for {} started: polled {}, streaming {}",
        envelopes.host(),
        polled.stream().map(Source::name).toList(),
        streaming.stream().map(StreamingSource::name).toList());
  }

  /**
   * One tick of a polled source; never throws, so the scheduler keeps the source scheduled. A sink
   * that throws counts against the source too: its events were not delivered.
   */
  private void sampleOnce(Source source) {
    long start = System.nanoTime();
    try {
      List<TelemetryEvent> events = source.sample(envelopes, clock.instant());
      events.forEach(sink::emit);
      source.afterEmit(sink);
      reporter.succeeded(source.name(), start);
    } catch (IOException | RuntimeException e) {
      reporter.failed(source.name(), e, start);
    } catch (Error e) {
      reporter.stoppedBy(source.name(), e);
      throw e;
    }
  }

  /** Opens and runs a streaming source until it ends or the collector closes. */
  private void stream(StreamingSource source) {
    while (!closed) {
      long start = System.nanoTime();
      try {
        source.open();
        reporter.succeeded(source.name(), start);
        source.run(sink, envelopes);
        if (!closed) {
          LOG.info("source {} read its input to the end", source.name());
        }
        return;
      } catch (IOException | RuntimeException e) {
        reporter.failed(source.name(), e, start);
      }
      if (awaitStop(restartDelay)) {
        return;
      }
    }
  }

  private boolean awaitStop(Duration delay) {
    try {
      return stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** The polled sources, for the manifest. */
  List<Source> polledSources() {
    return polled;
  }

  List<StreamingSource> streamingSources() {
    return streaming;
  }

  /**
   * Stops the sources and waits a few seconds for their threads; a thread stuck in a read the
   * kernel does not interrupt is logged and left behind (it is a daemon). Does not close the sink.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stopped.countDown();
    streaming.forEach(StreamingSource::close);
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    awaitThreads();
    for (Source source : polled) {
      if (source instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("cannot close source {}: {}", source.name(), e.toString());
        }
      }
    }
    LOG.info("collector for {} stopped", envelopes.host());
  }

  private void awaitThreads() {
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    try {
      if (scheduler != null
          && !scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("a polled source did not stop within {}", STOP_TIMEOUT);
      }
      for (Thread thread : streamThreads) {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (thread.isAlive()) {
          LOG.warn("thread {} did not stop within {}", thread.getName(), STOP_TIMEOUT);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
