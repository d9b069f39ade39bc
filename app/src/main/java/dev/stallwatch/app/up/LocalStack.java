package dev.stallwatch.app.up;

import dev.stallwatch.app.ServiceStack;
import dev.stallwatch.app.StartupException;
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
import dev.stallwatch.streams.Analyzer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code stallwatch up} runs, started in dependency order onto a {@link ServiceStack}
 * that stops it in reverse: broker, topics, analyzer, index, dashboard, local collector, demo.
 */
public final class LocalStack {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  private static final int PARTITIONS = 3;

  private final URI dashboardUrl;
  private final CompletableFuture<String> failure;

  private LocalStack(URI dashboardUrl, CompletableFuture<String> failure) {
    this.dashboardUrl = dashboardUrl;
    this.failure = failure;
  }

  public URI dashboardUrl() {
    return dashboardUrl;
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

    EmbeddedBroker broker = stack.add("Kafka broker", EmbeddedBroker.start(data.resolve("kafka")));
    String bootstrap = broker.bootstrapServers();
    createTopics(bootstrap);

    Analyzer analyzer =
        stack.add("analyzer", new Analyzer(bootstrap, data.resolve("streams"), Map.of()));
    analyzer.start();
    stack.add("analyzer watch", new AnalyzerWatch(analyzer::health, System.out::println)).start();

    IncidentIndex index =
        stack.add("search index", IncidentIndex.open(data.resolve("index"), knowledge(data)));
    IncidentIndexer indexer =
        stack.add("indexer", new IncidentIndexer(clientConfig(bootstrap, "indexer"), index));
    indexer.start();
    // Resumes from the index's checkpoint; a full rebuild only when there is none.
    CatchUpProgress.await(indexer, System.console() == null ? null : System.err);

    DashboardServer server =
        stack.add(
            "dashboard", new DashboardServer(index, new LocalStackStatus(analyzer, bootstrap)));
    try {
      server.start(settings.bindAddress(), settings.port());
    } catch (RuntimeException e) {
      throw new StartupException(
          "cannot serve the dashboard on %s:%d (%s)"
              .formatted(settings.bindAddress(), settings.port(), e.getMessage()),
          e);
    }

    startLocalCollector(settings, bootstrap, stack);
    if (settings.demo()) {
      KafkaEventSink sink =
          stack.add("demo producer", new KafkaEventSink(clientConfig(bootstrap, "demo")));
      stack.add("demo fleet", new DemoFleet(sink, Clock.systemUTC())).start();
    }
    return new LocalStack(
        URI.create("http://%s:%d/".formatted(settings.bindAddress(), server.port())),
        analyzer.failure());
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
