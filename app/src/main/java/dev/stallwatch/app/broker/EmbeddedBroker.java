package dev.stallwatch.app.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) run in this process from
 * Kafka's own server classes, for {@code stallwatch up}. Its log lives under the directory given,
 * so topics and their records survive a restart. It listens on a port the caller prefers when that
 * port is free (the one of the last start, so the address stays the same), on a fresh one
 * otherwise.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats the log directory on first use, starts the broker and waits until it answers.
   *
   * @param logDir the broker's data; created if missing
   */
  public static EmbeddedBroker start(Path logDir) throws IOException, InterruptedException {
    return start(logDir, freePort(), freePort());
  }

  /**
   * As {@link #start(Path)}, on {@code preferredPort} when nothing listens there.
   *
   * @param preferredPort the clients' port to take if free; the controller's is always fresh
   */
  public static EmbeddedBroker start(Path logDir, OptionalInt preferredPort)
      throws IOException, InterruptedException {
    return start(logDir, portPreferring(preferredPort), freePort());
  }

  /** {@code preferred} when nothing listens there, otherwise a free port. */
  static int portPreferring(OptionalInt preferred) {
    return preferred.isPresent() && isFree(preferred.getAsInt())
        ? preferred.getAsInt()
        : freePort();
  }

  /**
   * As {@link #start(Path)} on fixed ports, so clients configured before a restart reach the
   * restarted broker (tests of a broker outage).
   */
  public static EmbeddedBroker start(Path logDir, int brokerPort, int controllerPort)
      throws IOException, InterruptedException {
    Files.createDirectories(logDir);
    Properties props = serverProperties(logDir, brokerPort, controllerPort);
    Path propsFile = logDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(propsFile)) {
      props.store(out, "written by stallwatch up at each start; edits are overwritten");
    }
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(propsFile);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    EmbeddedBroker broker = new EmbeddedBroker(server, "127.0.0.1:" + brokerPort);
    try {
      broker.awaitReady();
    } catch (IOException | InterruptedException | RuntimeException e) {
      broker.close();
      throw e;
    }
    LOG.info("Kafka broker ready on {} (data in {})", broker.bootstrapServers, logDir);
    return broker;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  static Properties serverProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties props = new Properties();
    props.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry(
                "listeners",
                "PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d"
                    .formatted(brokerPort, controllerPort)),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
            Map.entry("num.partitions", "3"),
            Map.entry("auto.create.topics.enable", "false"),
            // One node: every internal topic has a single replica.
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            // Nobody else will join the group: do not wait for them.
            Map.entry("group.initial.rebalance.delay.ms", "0")));
    return props;
  }

  private static void format(Path propsFile) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String clusterId = Uuid.randomUuid().toString();
    int exit;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exit =
          StorageTool.execute(
              new String[] {"format", "-t", clusterId, "-c", propsFile.toString()}, print);
    }
    if (exit != 0) {
      throw new IOException(
          "cannot format the Kafka log directory: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(config)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IOException("Kafka broker not ready after " + READY_TIMEOUT, e);
          }
        }
        Thread.sleep(100);
      }
    }
  }

  /** Whether nothing listens on {@code port} of the loopback address right now. */
  static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return probe.isBound();
    } catch (IOException taken) {
      return false;
    }
  }

  /** A port nothing listens on right now, on the loopback address. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free local port", e);
    }
  }
}
