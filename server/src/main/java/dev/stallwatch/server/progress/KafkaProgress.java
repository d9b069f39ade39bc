package dev.stallwatch.server.progress;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the pipeline got, for {@code /metrics}: events coming into {@code stallwatch.telemetry},
 * how far the analyzer is behind them, and how far the search index is behind {@code
 * stallwatch.incidents}.
 *
 * <p>One Kafka {@link Admin} client reads the offsets on the daemon thread {@code
 * stallwatch-kafka-progress}, every interval, and the meters read the last sample: a scrape never
 * waits for Kafka. While Kafka cannot be reached the meters keep the last values, {@code
 * stallwatch_kafka_sample_age_seconds} grows, and a warning is logged at most every few minutes.
 *
 * <ul>
 *   <li>{@code stallwatch_events_in_total}: records ever written to the telemetry topic (its end
 *       offsets summed)
 *   <li>{@code stallwatch_events_in_per_second}: their rate over the last interval
 *   <li>{@code stallwatch_analyzer_lag_records}: telemetry records the analyzer group has not
 *       committed; NaN until the group has committed offsets
 *   <li>{@code stallwatch_index_lag_records}: incident records the search index has not read
 *   <li>{@code stallwatch_kafka_sample_age_seconds}: seconds since the last successful sample
 *       (since sampling started if none succeeded)
 * </ul>
 */
public final class KafkaProgress implements MeterBinder, AutoCloseable {

  /** How often offsets are read unless told otherwise. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(KafkaProgress.class);
  private static final Duration WARN_EVERY = Duration.ofMinutes(5);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Map<String, Object> adminConfig;
  private final String analyzerGroup;
  private final Supplier<Map<TopicPartition, Long>> indexPositions;
  private final Duration interval;
  private final OutageLog outages = new OutageLog(LOG, WARN_EVERY);
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          // Daemon: a forgotten close must not keep the JVM alive for a metric.
          Thread.ofPlatform().name("stallwatch-kafka-progress").daemon(true).factory());
  private volatile ProgressSample latest = ProgressSample.none(System.nanoTime());
  private Admin admin;
  private OffsetReader reader;

  /**
   * Progress meters, not yet sampling.
   *
   * @param clientConfig Kafka client settings: {@code bootstrap.servers}, {@code client.id} and any
   *     security settings
   * @param analyzerGroup the analyzer's consumer group: its Kafka Streams {@code application.id}
   * @param indexPositions where the search index's indexer is in {@code stallwatch.incidents}
   * @param interval how often to read the offsets
   */
  public KafkaProgress(
      Map<String, Object> clientConfig,
      String analyzerGroup,
      Supplier<Map<TopicPartition, Long>> indexPositions,
      Duration interval) {
    this.adminConfig = adminConfig(clientConfig);
    this.analyzerGroup = Objects.requireNonNull(analyzerGroup, "analyzerGroup");
    this.indexPositions = Objects.requireNonNull(indexPositions, "indexPositions");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  private static Map<String, Object> adminConfig(Map<String, Object> given) {
    Map<String, Object> config = new HashMap<>(given);
    // A sample that cannot finish within a few intervals is a failed sample, not a stuck thread.
    int timeoutMillis = (int) CALL_TIMEOUT.toMillis();
    config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
    config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis / 2);
    return config;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("stallwatch.events.in", this, p -> p.latest.eventsIn())
        .description("Records ever written to stallwatch.telemetry, as of the last sample.")
        .register(registry);
    gauge(
        registry,
        "stallwatch.events.in.per.second",
        "Telemetry records written per second over the last sample interval.",
        p -> p.latest.eventsPerSecond());
    gauge(
        registry,
        "stallwatch.analyzer.lag.records",
        "Telemetry records the analyzer has not committed; NaN before its first commit.",
        p -> p.latest.analyzerLag());
    gauge(
        registry,
        "stallwatch.index.lag.records",
        "Records of stallwatch.incidents the search index has not read.",
        p -> p.latest.indexLag());
    Gauge.builder("stallwatch.kafka.sample.age", this, p -> p.latest.ageSeconds(System.nanoTime()))
        .description("Seconds since Kafka's offsets were last read for these meters.")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry, String name, String help, ToDoubleFunction<KafkaProgress> value) {
    Gauge.builder(name, this, value).description(help).strongReference(true).register(registry);
  }

  /**
   * Starts sampling, the first time at once.
   *
   * @throws KafkaException if the client settings are invalid
   */
  public synchronized void start() {
    if (admin != null) {
      throw new IllegalStateException("Kafka progress sampling was already started");
    }
    admin = Admin.create(adminConfig);
    reader = new OffsetReader(admin, analyzerGroup);
    sampler.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      Offsets offsets = reader.read(indexPositions.get());
      latest = ProgressSample.next(latest, offsets, System.nanoTime());
      outages.succeeded();
    } catch (ExecutionException e) {
      outages.failed(reason(e.getCause() != null ? e.getCause() : e), System.nanoTime());
    } catch (InterruptedException e) {
      // close() stops the sampler this way.
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Thrown out of a scheduled task it would cancel all later samples.
      outages.failed(reason(e), System.nanoTime());
    }
  }

  /** Kafka's own message ("Timed out waiting for a node assignment..."), without a class name. */
  private static String reason(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  /** Stops sampling and closes the Kafka client; pending reads are abandoned. */
  @Override
  public synchronized void close() {
    sampler.shutdownNow();
    try {
      if (!sampler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Kafka progress sampling did not stop within {}", STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (admin != null) {
      admin.close(Duration.ZERO);
    }
  }
}
