package dev.stallwatch.app;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Incidents and alerts written onto {@code stallwatch.incidents} and {@code stallwatch.alerts} with
 * their serdes, as the analyzer writes them, for tests of what the servers make of them. Its
 * incidents are those of a laptop on WSL 2.5.7 with Docker Desktop 4.42.0 and reclaim=gradual.
 */
final class AnalyzerRecords implements AutoCloseable {

  private static final HostContext LAPTOP =
      new HostContext(
          "2.5.7.0",
          "6.6.87.2-microsoft-standard-WSL2",
          "10.0.26100.4061",
          "4.42.0",
          "gradual",
          CgroupLayout.V2,
          true,
          true);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final KafkaProducer<String, byte[]> producer;

  AnalyzerRecords(String bootstrap) {
    Map<String, Object> config = new HashMap<>(new BrokerClients(bootstrap).producer("analyzer"));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer = new KafkaProducer<>(config);
  }

  /** An open incident of {@code rule} on {@code host} whose hang began at {@code onset}. */
  static Incident open(String host, String rule, Severity severity, Instant onset) {
    Instant at = onset.truncatedTo(ChronoUnit.SECONDS);
    return new Incident(
        "inc-%s-%s".formatted(host, ID_TIME.format(at)),
        host,
        rule,
        title(rule),
        Incident.Status.OPEN,
        severity,
        at,
        at.plusSeconds(122),
        at.plusSeconds(122),
        null,
        0.85,
        List.of("hung task while " + rule + " held"),
        List.of(
            new Evidence(
                UUID.randomUUID().toString(),
                "hung_task",
                at.plusSeconds(122),
                "apt-get (pid 4711) blocked for 122 s",
                "INFO: task apt-get:4711 blocked for more than 122 seconds.")),
        LAPTOP,
        rule.startsWith("resource-saver") ? List.of(KnownIssueRef.of("microsoft/WSL#11066")) : null,
        "Set autoMemoryReclaim=dropcache in .wslconfig and run wsl --shutdown.");
  }

  /** The incident's next version: more evidence at {@code at}, now of {@code severity}. */
  static Incident escalated(Incident incident, Severity severity, Instant at) {
    return version(incident, Incident.Status.OPEN, severity, at, null);
  }

  /** The incident's last version: the hang cleared at {@code at}. */
  static Incident resolved(Incident incident, Instant at) {
    return version(incident, Incident.Status.RESOLVED, incident.severity(), at, at);
  }

  /** The alert the analyzer writes for an incident: firing while open, resolved after. */
  static Alert alertOf(Incident incident) {
    boolean open = incident.status() == Incident.Status.OPEN;
    return new Alert(
        Alert.fingerprintOf(incident.host(), incident.rule()),
        incident.host(),
        incident.rule(),
        open ? Alert.Status.FIRING : Alert.Status.RESOLVED,
        incident.severity(),
        incident.title(),
        incident.id(),
        incident.openedAt(),
        open ? null : incident.resolvedAt());
  }

  /** Writes the incident, then its alert, and waits for the broker to take both. */
  void publish(Incident incident) throws Exception {
    send(Topics.INCIDENTS, incident.id(), incident);
    Alert alert = alertOf(incident);
    send(Topics.ALERTS, alert.fingerprint(), alert);
  }

  /** Writes the incident's new version alone, as the analyzer does when only evidence grew. */
  void publishIncidentOnly(Incident incident) throws Exception {
    send(Topics.INCIDENTS, incident.id(), incident);
  }

  private <V> void send(Topic<String, V> topic, String key, V value) throws Exception {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), key, bytes)).get(30, TimeUnit.SECONDS);
  }

  private static Incident version(
      Incident base, Incident.Status status, Severity severity, Instant at, Instant resolvedAt) {
    return new Incident(
        base.id(),
        base.host(),
        base.rule(),
        base.title(),
        status,
        severity,
        base.onset(),
        base.openedAt(),
        at,
        resolvedAt,
        base.confidence(),
        base.confidenceReasons(),
        base.evidence(),
        base.context(),
        base.knownIssues(),
        base.remediation());
  }

  private static String title(String rule) {
    return switch (rule) {
      case "resource-saver-gradual" ->
          "apt hung while Docker Desktop was in Resource Saver with autoMemoryReclaim=gradual";
      case "vm-freeze" -> "The WSL VM froze: the collector saw no time pass for 95 s";
      case "unexplained-hang" -> "apt-get hung for 122 s and no rule explains it";
      default -> "A hang explained by " + rule;
    };
  }

  @Override
  public void close() {
    producer.close();
  }
}
