package dev.stallwatch.app.up;

import dev.stallwatch.app.ServiceStack;
import dev.stallwatch.app.StartupException;
import dev.stallwatch.app.broker.BootstrapFile;
import dev.stallwatch.app.broker.EmbeddedBroker;
import dev.stallwatch.app.broker.TopicProvisioner;
import dev.stallwatch.app.demo.DemoFleet;
import dev.stallwatch.collector.Collector;
import dev.stallwatch.collector.CollectorConfig;
import dev.stallwatch.collector.HostIds;
import dev.stallwatch.collector.KafkaEventSink;
import dev.stallwatch.collector.Machine;
import dev.stallwatch.collector.Profile;
import dev.stallwatch.collector.SpoolSettings;
import dev.stallwatch.collector.SpoolingSink;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.IncidentIndexer;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.search.kb.KnowledgeBaseException;
import dev.stallwatch.server.DashboardServer;
import dev.stallwatch.server.ServerMetrics;
import dev.stallwatch.server.fleet.FleetFeed;
import dev.stallwatch.server.fleet.FleetView;
import dev.stallwatch.server.progress.KafkaProgress;
import dev.stallwatch.streams.Analyzer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code stallwatch up} runs, started in dependency order onto a {@link ServiceStack}
 * that stops it in reverse: broker, topics, analyzer, index, fleet feed, dashboard, local
 * collector, demo.
 */
public final class LocalStack {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  private static final int PARTITIONS = 3;

  /** Where {@code up} writes the broker's address, in the data directory. */
  public static final String BOOTSTRAP_FILE = "bootstrap";

  /**
   * The analyzer is one static member of its group (KIP-345): a restart takes over its partitions
   * at once. As a dynamic member it would first wait out the session of the member before the
   * restart (45 s, counted from the broker's start), processing nothing, and a stop in that time
   * would wait for that join to end.
   */
  private static final Map<String, Object> ANALYZER =
      Map.of(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          "stallwatch-up");

  private final URI dashboardUrl;
  private final String bootstrapServers;
  private final CompletableFuture<String> failure;
  private final ServerMetrics metrics;

  private LocalStack(
      URI dashboardUrl,
      String bootstrapServers,
      CompletableFuture<String> failure,
      ServerMetrics metrics) {
    this.dashboardUrl = dashboardUrl;
    this.bootstrapServers = bootstrapServers;
    this.failure = failure;
    this.metrics = metrics;
  }

  /** What {@code /metrics} shows; other parts (the alert sinks) add theirs. */
  public ServerMetrics metrics() {
    return metrics;
  }

  public URI dashboardUrl() {
    return dashboardUrl;
  }

  /** The embedded broker's address, {@code 127.0.0.1:PORT}, as written to DATA/bootstrap. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Completes with a reason when a part stopped for good on its own (the analyzer failed). */
  public CompletableFuture<String> failure() {
    return failure;
  }

  /** Starts every part; on failure the caller closes the stack, stopping what did start. */
  public static LocalStack start(UpSettings settings, ServiceStack stack) throws Exception {
    Path data = settings.dataDir();
    stack.add("data directory lock", Preflight.lockDataDir(data));
    Preflight.requireFreePort(settings.bindAddress(), settings.port());
    Preflight.noteTemporaryDataDir(data);

    String bootstrap = startBroker(data, stack);
    createTopics(bootstrap);

    Analyzer analyzer =
        stack.add("analyzer", new Analyzer(bootstrap, data.resolve("streams"), ANALYZER));
    analyzer.start();
    stack.add("analyzer watch", new AnalyzerWatch(analyzer::health, System.out::println)).start();

    IncidentIndex index =
        stack.add("search index", IncidentIndex.open(data.resolve("index"), knowledge(data)));
    IncidentIndexer indexer =
        stack.add("indexer", new IncidentIndexer(clientConfig(bootstrap, "indexer"), index));
    indexer.start();
    // Resumes from the index's checkpoint; a full rebuild only when there is none.
    CatchUpProgress.await(indexer, System.console() == null ? null : System.err);

    TeamServices team = TeamServices.prepare(bootstrap, "stallwatch-up", stack);
    FleetView fleet = startFleet(bootstrap, stack);
    DashboardServer server =
        stack.add(
            "dashboard",
            new DashboardServer(
                index,
                new LocalStackStatus(analyzer, bootstrap),
                settings.security(),
                team.state(),
                team.log(),
                fleet));
    try {
      server.start(settings.bindAddress(), settings.port());
    } catch (RuntimeException e) {
      throw new StartupException(
          "cannot serve the dashboard on %s:%d (%s)"
              .formatted(settings.bindAddress(), settings.port(), e.getMessage()),
          e);
    }

    URI dashboardUrl =
        URI.create(
            "%s://%s:%d/"
                .formatted(
                    settings.security().scheme(), urlHost(settings.bindAddress()), server.port()));
    // The event stream hears what the team feed reads: incidents, alerts, silences, actions, hosts.
    team.start(
        settings.alerts(),
        dashboardUrl,
        server.metrics(),
        List.of(server.streamListener()),
        "stallwatch-up",
        stack);
    startKafkaProgress(bootstrap, indexer, server, stack);

    startLocalCollector(settings, bootstrap, stack);
    if (settings.demo()) {
      startDemo(bootstrap, data.resolve("demo"), stack);
    }
    return new LocalStack(dashboardUrl, bootstrap, analyzer.failure(), server.metrics());
  }

  /**
   * The fleet the dashboard shows (hosts, cohorts, mitigations, each host's last day), read by a
   * feed that runs until the stack stops; the dashboard answers from it while it catches up.
   */
  private static FleetView startFleet(String bootstrap, ServiceStack stack) {
    FleetView fleet = new FleetView();
    stack
        .add(
            "fleet feed", new FleetFeed(clientConfig(bootstrap, "fleet"), fleet, Clock.systemUTC()))
        .start();
    return fleet;
  }

  /** The host to print in the dashboard's URL: a wildcard bind is reached on loopback. */
  private static String urlHost(String bindAddress) {
    if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::")) {
      return "127.0.0.1";
    }
    return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
  }

  /**
   * Starts the broker on the port of the last start when it is free, and writes its address to
   * {@code DATA/bootstrap} for kcat and Kafka's console tools.
   *
   * @return the broker's bootstrap address
   */
  private static String startBroker(Path data, ServiceStack stack) throws Exception {
    BootstrapFile file = new BootstrapFile(data.resolve(BOOTSTRAP_FILE));
    EmbeddedBroker broker =
        stack.add("Kafka broker", EmbeddedBroker.start(data.resolve("kafka"), file.previousPort()));
    try {
      file.write(broker.bootstrapServers());
    } catch (IOException e) {
      throw new StartupException("cannot write " + file.path() + " (" + e.getMessage() + ")", e);
    }
    return broker.bootstrapServers();
  }

  /** Events in, the analyzer's lag and the index's lag in the dashboard's {@code /metrics}. */
  private static void startKafkaProgress(
      String bootstrap, IncidentIndexer indexer, DashboardServer server, ServiceStack stack) {
    KafkaProgress progress =
        stack.add(
            "Kafka progress meters",
            new KafkaProgress(
                clientConfig(bootstrap, "progress"),
                // up runs its analyzer under the default application id: that is its group.
                Analyzer.DEFAULT_APPLICATION_ID,
                indexer::positions,
                KafkaProgress.DEFAULT_INTERVAL));
    progress.bindTo(server.metrics().registry());
    progress.start();
  }

  /** The simulated fleet, which keeps its progress through its scenario in {@code DATA/demo}. */
  private static void startDemo(String bootstrap, Path demoDir, ServiceStack stack)
      throws StartupException {
    KafkaEventSink sink =
        stack.add("demo producer", new KafkaEventSink(clientConfig(bootstrap, "demo")));
    try {
      stack.add("demo fleet", new DemoFleet(sink, Clock.systemUTC(), demoDir)).start();
    } catch (IOException e) {
      throw new StartupException(
          "cannot keep the demo's progress in " + demoDir + " (" + e.getMessage() + ")", e);
    }
  }

  /** The shipped known issues plus those imported with 'stallwatch kb import' into DATA/kb. */
  private static KnowledgeBase knowledge(Path data) throws StartupException {
    try {
      return KnowledgeBase.withImported(data.resolve("kb"));
    } catch (KnowledgeBaseException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  /**
   * The collector of this machine, with its spool, checkpoints and seq under {@code
   * DATA/collector}, so a restart of {@code up} continues where it stopped.
   */
  private static void startLocalCollector(UpSettings settings, String bootstrap, ServiceStack stack)
      throws Exception {
    Path root = settings.collectorRoot();
    Path state = settings.dataDir().resolve("collector");
    SpoolingSink sink =
        stack.add(
            "collector spool",
            SpoolingSink.toKafka(
                state, clientConfig(bootstrap, "collector"), SpoolSettings.defaults()));
    Collector collector =
        stack.add(
            "local collector",
            Collector.create(
                Profile.GUEST,
                Machine.discoverGuest(root, null, state),
                HostIds.stable(root),
                sink,
                CollectorConfig.defaults()));
    collector.start();
  }

  private static void createTopics(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(clientConfig(bootstrap, "admin"))) {
      var created = new TopicProvisioner(admin).ensureTopics(PARTITIONS, Optional.empty());
      if (!created.isEmpty()) {
        LOG.info("created topics {}", created);
      }
    }
  }

  /** Client settings; each client gets its own id so their metrics do not collide. */
  private static Map<String, Object> clientConfig(String bootstrap, String clientId) {
    return Map.of(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        CommonClientConfigs.CLIENT_ID_CONFIG,
        "stallwatch-up-" + clientId);
  }
}
