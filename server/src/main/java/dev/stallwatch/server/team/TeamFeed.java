package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topics a team's state lives in into {@link TeamState}, and tells the {@link
 * TeamListener}s (the alert sinks, the event stream) what changes after the start.
 *
 * <p>It assigns itself every partition, with no consumer group and no committed offsets: each
 * server reads all of it. Incidents, alerts, silences, incident actions and the audit trail are
 * read from the beginning, so a restarted server knows them again; hosts from the end, since only
 * their changes are news. A record before a partition's end as of the start is state and is not
 * told to the listeners, so a restart re-sends nothing; alerts still active then stay in
 * Alertmanager until the analyzer's next change re-sends them. An unreadable record is skipped with
 * a warning.
 */
public final class TeamFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TeamFeed.class);
  private static final List<Topic<String, ?>> FROM_START =
      List.of(
          Topics.INCIDENTS, Topics.ALERTS, Topics.SILENCES, Topics.INCIDENT_ACTIONS, Topics.AUDIT);

  private final Map<String, Object> clientConfig;
  private final TeamState state;
  private final TeamLog log;
  private final List<TeamListener> listeners;
  private final AlertRelease release;
  private final Map<TopicPartition, Long> endAtStart = new HashMap<>();
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  private final Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean closed;

  /**
   * @param log where escalations this server notices are recorded
   */
  public TeamFeed(
      Map<String, Object> clientConfig,
      TeamState state,
      TeamLog log,
      List<TeamListener> listeners) {
    this.clientConfig = clientConfig;
    this.state = state;
    this.log = log;
    this.listeners = List.copyOf(listeners);
    this.release = new AlertRelease(id -> state.incident(id).isPresent(), this::tellAlert);
    this.thread = Thread.ofPlatform().name("team-feed").daemon().unstarted(this::run);
  }

  public void start() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(config);
    // Until the thread runs, close() closes the consumer itself (a failed start must not leak it).
    List<TopicPartition> fromStart = new ArrayList<>();
    FROM_START.forEach(topic -> fromStart.addAll(partitions(topic.name())));
    List<TopicPartition> hosts = partitions(Topics.HOSTS.name());
    List<TopicPartition> all = new ArrayList<>(fromStart);
    all.addAll(hosts);
    consumer.assign(all);
    consumer.seekToEnd(hosts);
    hosts.forEach(consumer::position); // fixes "the end" now, not at the first poll
    consumer.seekToBeginning(fromStart);
    endAtStart.putAll(consumer.endOffsets(fromStart, Duration.ofSeconds(30)));
    thread.start();
  }

  /** Completes once everything on the topics as of the start has been read. */
  public CompletableFuture<Void> caughtUp() {
    return caughtUp;
  }

  private List<TopicPartition> partitions(String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  private void run() {
    try {
      while (!closed) {
        List<Alert> live = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          read(record, live);
        }
        Instant now = Instant.now();
        release.arrived(live, now);
        release.release(now);
        if (!caughtUp.isDone() && readToStartEnd()) {
          caughtUp.complete(null);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("the team feed stopped; alerts, silences and acknowledgements no longer update", e);
      caughtUp.completeExceptionally(e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean readToStartEnd() {
    return endAtStart.entrySet().stream()
        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private void read(ConsumerRecord<String, byte[]> record, List<Alert> liveAlerts) {
    if (record.value() == null) {
      return; // nothing stallwatch writes is deleted by tombstone
    }
    Long end = endAtStart.get(new TopicPartition(record.topic(), record.partition()));
    boolean live = end == null || record.offset() >= end;
    try {
      dispatch(record, live, liveAlerts);
    } catch (RuntimeException e) {
      LOG.warn(
          "skipped an unreadable record at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  private void dispatch(ConsumerRecord<String, byte[]> record, boolean live, List<Alert> alerts) {
    String topic = record.topic();
    if (topic.equals(Topics.INCIDENTS.name())) {
      Incident incident = value(Topics.INCIDENTS, record);
      state.apply(incident).ifPresent(this::recordEscalation);
      tell(live, l -> l.incident(incident));
    } else if (topic.equals(Topics.ALERTS.name())) {
      Alert alert = value(Topics.ALERTS, record);
      state.apply(alert);
      if (live) {
        alerts.add(alert);
      }
    } else if (topic.equals(Topics.SILENCES.name())) {
      Silence silence = value(Topics.SILENCES, record);
      state.apply(silence);
      tell(live, l -> l.silence(silence));
    } else if (topic.equals(Topics.INCIDENT_ACTIONS.name())) {
      IncidentAction action = value(Topics.INCIDENT_ACTIONS, record);
      state.apply(action);
      tell(live, l -> l.action(action));
    } else if (topic.equals(Topics.AUDIT.name())) {
      AuditEntry entry = value(Topics.AUDIT, record);
      state.apply(entry);
    } else if (topic.equals(Topics.HOSTS.name())) {
      HostState host = value(Topics.HOSTS, record);
      tell(true, l -> l.host(host));
    }
  }

  private void recordEscalation(IncidentAction escalation) {
    try {
      log.record(escalation);
    } catch (RuntimeException e) {
      LOG.warn(
          "could not record the escalation of {}: {}", escalation.incidentId(), e.getMessage());
    }
  }

  private void tellAlert(Alert alert) {
    AlertStatus status = state.status(alert);
    tell(true, l -> l.alert(status));
  }

  private void tell(boolean live, java.util.function.Consumer<TeamListener> what) {
    if (!live) {
      return;
    }
    for (TeamListener listener : listeners) {
      try {
        what.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("a listener of the team feed failed: {}", e.getMessage());
      }
    }
  }

  private static <V> V value(Topic<String, V> topic, ConsumerRecord<String, byte[]> record) {
    return topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
  }

  @Override
  public void close() {
    closed = true;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null && thread.getState() == Thread.State.NEW) {
      c.close(Duration.ofSeconds(5));
      return;
    }
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
