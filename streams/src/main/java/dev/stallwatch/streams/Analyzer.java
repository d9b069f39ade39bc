package dev.stallwatch.streams;

import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.MitigationStats;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import dev.stallwatch.streams.correlation.Fleet;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link CorrelationTopology} against a Kafka cluster with exactly-once processing.
 * Several analyzers with the same application id share the work by partitions.
 *
 * <p>Interactive queries ({@link #hostState}, {@link #hostStates}, {@link #cohorts}, ...) read this
 * instance's local stores: with several instances each answers for the partitions it owns, and
 * {@link #ownerOf} names the instance ({@code application.server}) that owns a host. The compacted
 * {@code stallwatch.hosts} topic has every host for a reader that needs the whole fleet. While the
 * instance rebalances the stores may be unavailable and queries throw {@link
 * org.apache.kafka.streams.errors.InvalidStateStoreException}.
 */
public final class Analyzer implements AutoCloseable {

  public static final String DEFAULT_APPLICATION_ID = "stallwatch-analyzer";

  private static final Logger LOG = LoggerFactory.getLogger(Analyzer.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final CompletableFuture<String> failure = new CompletableFuture<>();
  private final HealthTracker health = new HealthTracker(Clock.systemUTC());

  /** The shipped rules with default settings. */
  public Analyzer(String bootstrapServers, Path stateDir, Map<String, Object> overrides) {
    this(
        bootstrapServers,
        stateDir,
        RuleBook.shipped(),
        AnalysisSettings.DEFAULTS,
        EventTimeBounds.DEFAULTS,
        overrides);
  }

  /**
   * @param bootstrapServers the Kafka cluster
   * @param stateDir where this instance keeps its local state stores
   * @param overrides any further Kafka Streams settings, applied last
   */
  public Analyzer(
      String bootstrapServers,
      Path stateDir,
      RuleBook rules,
      AnalysisSettings settings,
      EventTimeBounds bounds,
      Map<String, Object> overrides) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.putAll(overrides);
    props.put(HealthTracker.CONFIG, health);
    this.streams =
        new KafkaStreams(
            CorrelationTopology.build(
                rules, settings, bounds, CorrelationTopology.DEFAULT_PUNCTUATION),
            props);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("analyzer stream thread failed; replacing it", e);
          health.threadFailed(e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener(
        (now, before) -> {
          health.stateChanged(now);
          if (now == KafkaStreams.State.ERROR) {
            failure.complete("Kafka Streams stopped with an error (" + before + " -> ERROR)");
          }
        });
  }

  /**
   * Completes, with the reason, when the analyzer stops for good on its own; a service should then
   * stop too rather than run without it.
   */
  public CompletableFuture<String> failure() {
    return failure;
  }

  public void start() {
    streams.start();
  }

  /** Waits until the analyzer has joined the group and processes records. */
  public void awaitRunning(Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (!streams.state().isRunningOrRebalancing()
          && streams.state() != KafkaStreams.State.CREATED) {
        throw new IllegalStateException("analyzer stopped: " + streams.state());
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "analyzer not running after " + timeout + ": " + streams.state());
      }
      Thread.sleep(50);
    }
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** What this instance is doing: running, rebalancing, failing with its last error, ... */
  public AnalyzerHealth health() {
    return health.snapshot();
  }

  /** The host's current state, if this instance owns the host and has seen it. */
  public Optional<HostState> hostState(String host) {
    return Optional.ofNullable(
        store(CorrelationTopology.HOST_STATE_STORE, HostState.class).get(host));
  }

  /** Every host this instance owns, by host id. */
  public List<HostState> hostStates() {
    return all(CorrelationTopology.HOST_STATE_STORE, HostState.class).stream()
        .sorted(Comparator.comparing(HostState::host))
        .toList();
  }

  /** Hosts whose context matches a rule and that had no incident yet. */
  public List<HostState> hostsAtRisk() {
    return hostStates().stream().filter(HostState::atRisk).toList();
  }

  /** Cohorts whose aggregate this instance owns, largest first. */
  public List<CohortStats> cohorts() {
    return all(CorrelationTopology.COHORT_STORE, CohortStats.class).stream()
        .filter(c -> c.hosts() > 0)
        .sorted(
            Comparator.comparingInt(CohortStats::hosts).reversed().thenComparing(CohortStats::key))
        .toList();
  }

  /** Mitigation totals, if this instance owns their aggregate. */
  public List<MitigationStats> mitigations() {
    return all(CorrelationTopology.MITIGATION_STORE, Fleet.Mitigations.class).stream()
        .flatMap(m -> m.byKind().values().stream())
        .toList();
  }

  /**
   * The {@code host:port} ({@code application.server}) of the instance that owns the host's state,
   * or empty when unknown (no such setting, or not assigned yet).
   */
  public Optional<String> ownerOf(String host) {
    KeyQueryMetadata metadata =
        streams.queryMetadataForKey(
            CorrelationTopology.HOST_STATE_STORE, host, Serdes.String().serializer());
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      return Optional.empty();
    }
    var info = metadata.activeHost();
    return info.port() < 0 || "unavailable".equals(info.host())
        ? Optional.empty()
        : Optional.of(info.host() + ":" + info.port());
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
  }

  private <V> List<V> all(String name, Class<V> type) {
    List<V> values = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store(name, type).all()) {
      it.forEachRemaining(kv -> values.add(kv.value));
    }
    return values;
  }

  @Override
  public void close() {
    streams.close(CLOSE_TIMEOUT);
  }
}
