package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.app.broker.EmbeddedBroker;
import dev.stallwatch.app.broker.TopicProvisioner;
import dev.stallwatch.collector.Collector;
import dev.stallwatch.collector.CollectorConfig;
import dev.stallwatch.collector.EventSink;
import dev.stallwatch.collector.Machine;
import dev.stallwatch.collector.Profile;
import dev.stallwatch.collector.SpoolSettings;
import dev.stallwatch.collector.SpoolingSink;
import dev.stallwatch.model.event.TelemetryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector against a real KRaft broker that goes away for 30 s mid-run and comes back on the
 * same ports: everything sampled meanwhile waits in the spool and arrives, in order, afterwards.
 */
class CollectorBrokerOutageIT {

  @TempDir Path work;

  /** Remembers the id of every event the collector hands over, then spools it. */
  private record Recording(EventSink delegate, Set<String> ids) implements EventSink {
    @Override
    public void emit(TelemetryEvent event) {
      ids.add(event.id());
      delegate.emit(event);
    }

    @Override
    public void afterDelivery(Runnable action) {
      delegate.afterDelivery(action);
    }

    @Override
    public long spoolDepth() {
      return delegate.spoolDepth();
    }

    @Override
    public long resumeSeq() {
      return delegate.resumeSeq();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  void shouldDeliverEveryEventIdWithoutASeqGapAcrossABrokerOutage() throws Exception {
    Path kafkaDir = work.resolve("kafka");
    int brokerPort = EmbeddedBroker.freePort();
    int controllerPort = EmbeddedBroker.freePort();
    EmbeddedBroker broker = EmbeddedBroker.start(kafkaDir, brokerPort, controllerPort);
    String bootstrap = broker.bootstrapServers();
    createTelemetryTopic(bootstrap);
    Set<String> emitted = ConcurrentHashMap.newKeySet();
    Recording sink = spooling(bootstrap, emitted);
    Collector collector = collector(sink);
    try (TelemetryReader reader = new TelemetryReader(bootstrap)) {
      collector.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() >= 10);

      broker.close();
      int spooledBefore = emitted.size();
      Thread.sleep(Duration.ofSeconds(30));
      assertThat(emitted.size())
          .as("sampling goes on while Kafka is away")
          .isGreaterThan(spooledBefore + 50);
      assertThat(sink.spoolDepth()).isPositive();
      broker = EmbeddedBroker.start(kafkaDir, brokerPort, controllerPort);

      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> sink.spoolDepth() < 5);
      collector.close();
      sink.close();

      Map<String, Long> received = receivedIds(reader, emitted);
      long maxSeq = received.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      assertThat(Set.copyOf(received.values()))
          .as("seq has no gaps")
          .containsAll(LongStream.rangeClosed(0, maxSeq).boxed().toList());
      assertThat(received.keySet()).containsAll(emitted);
    } finally {
      collector.close();
      sink.close();
      broker.close();
    }
  }

  private Recording spooling(String bootstrap, Set<String> emitted) throws Exception {
    SpoolingSink spool =
        SpoolingSink.toKafka(
            work.resolve("state"),
            Map.of("bootstrap.servers", bootstrap),
            SpoolSettings.defaults());
    return new Recording(spool, emitted);
  }

  private Collector collector(EventSink sink) throws Exception {
    Path config =
        Files.writeString(
            work.resolve("collector.yaml"),
            "sampleInterval: 200ms\nheartbeatInterval: 200ms\ndocker: {probe: false}\n");
    return Collector.create(
        Profile.GUEST,
        new Machine(machineRoot(), null, "Ubuntu-24.04", work.resolve("state"), null, null, false),
        "outage-host",
        sink,
        CollectorConfig.load(config));
  }

  /** Event id to seq of everything on the topic, once it holds every emitted id. */
  private static Map<String, Long> receivedIds(TelemetryReader reader, Set<String> emitted) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                reader.poll().stream()
                    .collect(
                        Collectors.toMap(TelemetryEvent::id, e -> e.envelope().seq(), (a, b) -> a)),
            ids -> ids.keySet().containsAll(emitted));
  }

  private static void createTelemetryTopic(String bootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      new TopicProvisioner(admin).ensureTopics(1, Optional.empty());
    }
  }

  /** A distro with meminfo and PSI, which the collector samples at every interval. */
  private Path machineRoot() throws Exception {
    Path root = work.resolve("root");
    Files.createDirectories(root.resolve("proc/pressure"));
    Files.writeString(
        root.resolve("proc/meminfo"),
        "MemTotal:       16318412 kB\nMemFree:        13920848 kB\nCached:          1578260 kB\n");
    Files.writeString(
        root.resolve("proc/pressure/io"),
        "some avg10=0.00 avg60=0.00 avg300=0.00 total=5210\n"
            + "full avg10=0.00 avg60=0.00 avg300=0.00 total=4911\n");
    return root;
  }
}
