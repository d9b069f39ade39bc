package dev.stallwatch.app.cli;

import dev.stallwatch.app.ServiceStack;
import dev.stallwatch.app.ShutdownSignal;
import dev.stallwatch.app.StartupException;
import dev.stallwatch.app.broker.TopicProvisioner;
import dev.stallwatch.streams.Analyzer;
import dev.stallwatch.streams.EventTimeBounds;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stallwatch analyze}: the correlation topology as a service against a Kafka cluster.
 *
 * <ul>
 *   <li>in: {@code stallwatch.telemetry}, key = host id, value = event JSON
 *   <li>out: {@code stallwatch.incidents} (key = incident id, value = incident JSON), {@code
 *       stallwatch.alerts} (key = {@code host/rule}, value = alert JSON), {@code stallwatch.hosts}
 *       (key = host id, value = host state JSON), {@code stallwatch.cohorts} (key = cohort, value =
 *       cohort stats JSON), {@code stallwatch.mitigations} (key = kind, value = mitigation stats
 *       JSON), {@code stallwatch.deadletters} (as received, reason in headers)
 * </ul>
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the correlation as a service: reads stallwatch.telemetry from a Kafka cluster and"
          + " writes incidents, alerts, host states and fleet statistics, exactly once. Start as"
          + " many instances (same --application-id, each with its own state directory) as"
          + " stallwatch.telemetry has partitions; they share the work and take over from each"
          + " other. Missing topics are created. Ctrl-C or SIGTERM stops it.",
      "Exit codes: 0 stopped by a signal, 1 the analyzer failed for good (see the log), 2 bad"
          + " options, rules or an unreachable cluster."
    })
final class AnalyzeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyzeCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers, comma-separated.")
  String bootstrap;

  @Option(
      names = "--instances-state-dir",
      paramLabel = "DIR",
      defaultValue = "stallwatch-analyzer",
      description =
          "This instance's local state (rebuilt from Kafka when lost); one per instance"
              + " (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = Analyzer.DEFAULT_APPLICATION_ID,
      description = "Instances with the same id share the work (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "6",
      description =
          "Partitions of topics that have to be created; the most instances that can share the"
              + " work (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--advertise",
      paramLabel = "HOST:PORT",
      description =
          "Where this instance can be reached for interactive queries (application.server).")
  String advertise;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "KEY=VALUE",
      description =
          "Any further Kafka Streams or client setting (security, timeouts), repeatable, e.g."
              + " -c security.protocol=SSL.")
  Map<String, String> config = new LinkedHashMap<>();

  @Mixin AnalysisOptions analysis;

  @Mixin EventTimeOptions eventTime;

  @Override
  public Integer call() throws Exception {
    if (partitions < 1) {
      throw new StartupException("--partitions must be at least 1, was " + partitions);
    }
    RuleBook rules = analysis.ruleBook();
    EventTimeBounds bounds = eventTime.bounds();
    prepareStateDir();
    createTopics();
    Map<String, Object> overrides = new HashMap<>(config);
    overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    if (advertise != null) {
      overrides.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertise);
    }
    ServiceStack stack = new ServiceStack();
    Analyzer analyzer;
    try {
      analyzer =
          stack.add(
              "analyzer",
              new Analyzer(bootstrap, stateDir, rules, analysis.settings(), bounds, overrides));
      analyzer.start();
    } catch (KafkaException e) {
      stack.close();
      throw new StartupException("cannot start the analyzer: " + e.getMessage(), e);
    }
    spec.commandLine()
        .getOut()
        .printf(
            "stallwatch analyze: running as %s on %s with %d rules (state in %s). Ctrl-C stops"
                + " it.%n",
            applicationId, bootstrap, rules.rules().size(), stateDir.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return ShutdownSignal.awaitThenClose(stack, analyzer.failure());
  }

  private void prepareStateDir() throws StartupException {
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new StartupException(
          "cannot write to the state directory "
              + stateDir.toAbsolutePath()
              + ": "
              + CommandErrors.describe(e),
          e);
    }
  }

  private void createTopics() throws StartupException, InterruptedException {
    Map<String, Object> adminConfig = new HashMap<>(config);
    adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-admin");
    adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    try (Admin admin = Admin.create(adminConfig)) {
      List<String> created = new TopicProvisioner(admin).ensureTopics(partitions, Optional.empty());
      if (!created.isEmpty()) {
        LOG.info("created topics {}", created);
      }
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new StartupException(
          "cannot reach Kafka at " + bootstrap + " (" + rootMessage(e) + ")", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
