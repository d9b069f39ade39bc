package dev.stallwatch.streams;

import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.MitigationStats;
import dev.stallwatch.model.kafka.JsonSerde;
import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.streams.correlation.Analysis;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import dev.stallwatch.streams.correlation.Fleet;
import dev.stallwatch.streams.correlation.HostTimeline;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The one correlation topology, built the same way by the analyzer and by the tests.
 *
 * <ul>
 *   <li>in: {@code stallwatch.telemetry}, key = host id (string), value = telemetry event JSON;
 *       records that cannot be read, whose key is not their host, or whose time is outside the
 *       {@link EventTimeBounds} go to {@code stallwatch.deadletters} (see {@link
 *       DeadLetterHandler})
 *   <li>state: {@value #TIMELINE_STORE}, host id -> {@link HostTimeline} JSON (context,
 *       transitions, open incidents, alerts, events held back for the grace)
 *   <li>out: {@code stallwatch.incidents}, key = incident id, value = incident JSON, one record per
 *       new version, timestamped with its latest evidence (kept within the {@link EventTimeBounds})
 *   <li>out: {@code stallwatch.alerts}, key = {@code host/rule}, value = alert JSON (firing or
 *       resolved)
 *   <li>out: {@code stallwatch.hosts}, key = host id, value = host state JSON, when it changes and
 *       at least every minute of the host's event time
 *   <li>in again: {@code stallwatch.hosts} as a table ({@value #HOST_STATE_STORE}, queryable),
 *       grouped by cohort into {@value #COHORT_STORE} and out to {@code stallwatch.cohorts} (key =
 *       cohort key, value = cohort stats JSON); grouped into {@value #MITIGATION_STORE} and out to
 *       {@code stallwatch.mitigations} (key = mitigation kind, value = mitigation stats JSON)
 * </ul>
 */
public final class CorrelationTopology {

  public static final String TIMELINE_STORE = "host-timelines";
  public static final String HOST_STATE_STORE = "host-states";
  public static final String COHORT_STORE = "cohort-stats";
  public static final String MITIGATION_STORE = "mitigation-stats";

  /** How often (wall clock) held events, silent hosts and quiet incidents are looked at. */
  public static final Duration DEFAULT_PUNCTUATION = Duration.ofSeconds(5);

  private static final String ALL_HOSTS = "all";

  private CorrelationTopology() {}

  /** The topology with the shipped rules and default settings. */
  public static Topology build() {
    return build(RuleBook.shipped(), AnalysisSettings.DEFAULTS, DEFAULT_PUNCTUATION);
  }

  /** The topology with the default {@link EventTimeBounds}. */
  public static Topology build(RuleBook rules, AnalysisSettings settings, Duration punctuateEvery) {
    return build(rules, settings, EventTimeBounds.DEFAULTS, punctuateEvery);
  }

  public static Topology build(
      RuleBook rules, AnalysisSettings settings, EventTimeBounds bounds, Duration punctuateEvery) {
    StreamsBuilder builder = new StreamsBuilder();
    addCorrelation(builder, new Analysis(rules, settings), bounds, punctuateEvery);
    addFleet(builder);
    return builder.build();
  }

  private static void addCorrelation(
      StreamsBuilder builder, Analysis analysis, EventTimeBounds bounds, Duration punctuateEvery) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TIMELINE_STORE),
            Serdes.String(),
            new JsonSerde<>(HostTimeline.class)));
    KStream<String, Output> out =
        builder.stream(
                Topics.TELEMETRY.name(),
                Consumed.with(Topics.TELEMETRY.keySerde(), Topics.TELEMETRY.valueSerde())
                    .withName("telemetry-source"))
            .process(
                () -> new CorrelationProcessor(analysis, bounds, punctuateEvery),
                Named.as("correlate"),
                TIMELINE_STORE);
    out.split(Named.as("route-"))
        .branch(
            (key, value) -> value instanceof Output.IncidentVersion,
            Branched.withConsumer(
                s -> sink(s, o -> ((Output.IncidentVersion) o).incident(), Topics.INCIDENTS),
                "incidents"))
        .branch(
            (key, value) -> value instanceof Output.AlertChange,
            Branched.withConsumer(
                s -> sink(s, o -> ((Output.AlertChange) o).alert(), Topics.ALERTS), "alerts"))
        .branch(
            (key, value) -> value instanceof Output.HostUpdate,
            Branched.withConsumer(
                s -> sink(s, o -> ((Output.HostUpdate) o).state(), Topics.HOSTS), "hosts"));
  }

  private static <V> void sink(
      KStream<String, Output> stream, Function<Output, V> unwrap, Topic<String, V> topic) {
    String name = topic.name().substring(topic.name().indexOf('.') + 1);
    stream
        .mapValues(unwrap::apply, Named.as("as-" + name))
        .to(
            topic.name(),
            Produced.with(topic.keySerde(), topic.valueSerde()).withName(name + "-sink"));
  }

  private static void addFleet(StreamsBuilder builder) {
    KTable<String, HostState> hosts =
        builder.table(
            Topics.HOSTS.name(),
            Consumed.with(Topics.HOSTS.keySerde(), Topics.HOSTS.valueSerde())
                .withName("hosts-source"),
            Materialized.<String, HostState, KeyValueStore<Bytes, byte[]>>as(HOST_STATE_STORE)
                .withKeySerde(Topics.HOSTS.keySerde())
                .withValueSerde(Topics.HOSTS.valueSerde()));
    hosts
        .groupBy(
            (host, state) -> KeyValue.pair(Fleet.cohortOf(state), state),
            Grouped.with("hosts-by-cohort", Serdes.String(), Topics.HOSTS.valueSerde()))
        .aggregate(
            () -> Fleet.NO_COHORT,
            (cohort, state, stats) -> Fleet.cohortWith(stats, state, +1),
            (cohort, state, stats) -> Fleet.cohortWith(stats, state, -1),
            Named.as("cohort-stats"),
            Materialized.<String, CohortStats, KeyValueStore<Bytes, byte[]>>as(COHORT_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(Topics.COHORTS.valueSerde()))
        .toStream(Named.as("cohort-changes"))
        .to(
            Topics.COHORTS.name(),
            Produced.with(Topics.COHORTS.keySerde(), Topics.COHORTS.valueSerde())
                .withName("cohorts-sink"));
    hosts
        .filter((host, state) -> !state.mitigations().isEmpty(), Named.as("hosts-that-mitigated"))
        .groupBy(
            (host, state) -> KeyValue.pair(ALL_HOSTS, state),
            Grouped.with("hosts-for-mitigations", Serdes.String(), Topics.HOSTS.valueSerde()))
        .aggregate(
            Fleet.Mitigations::none,
            (all, state, totals) -> totals.with(state, +1),
            (all, state, totals) -> totals.with(state, -1),
            Named.as("mitigation-stats"),
            Materialized.<String, Fleet.Mitigations, KeyValueStore<Bytes, byte[]>>as(
                    MITIGATION_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(new JsonSerde<>(Fleet.Mitigations.class)))
        .toStream(Named.as("mitigation-changes"))
        .flatMap(
            (all, totals) ->
                (totals == null ? Fleet.Mitigations.none() : totals)
                    .byKind().values().stream()
                        .map(stats -> KeyValue.pair(stats.kind(), stats))
                        .toList(),
            Named.as("mitigations-by-kind"))
        .to(
            Topics.MITIGATIONS.name(),
            Produced.<String, MitigationStats>with(
                    Topics.MITIGATIONS.keySerde(), Topics.MITIGATIONS.valueSerde())
                .withName("mitigations-sink"));
  }
}
