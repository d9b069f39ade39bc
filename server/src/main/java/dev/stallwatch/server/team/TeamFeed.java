package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.server.feed.StartAt;
import dev.stallwatch.server.feed.TopicFollower;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

  private final TeamState state;
  private final TeamLog log;
  private final List<TeamListener> listeners;
  private final AlertRelease release;
  private final TopicFollower follower;
  // Live alerts of the current poll; touched on the follower's thread only.
  private final List<Alert> arrived = new ArrayList<>();

  /**
   * @param log where escalations this server notices are recorded
   */
  public TeamFeed(
      Map<String, Object> clientConfig,
      TeamState state,
      TeamLog log,
      List<TeamListener> listeners) {
    this.state = state;
    this.log = log;
    this.listeners = List.copyOf(listeners);
    this.release = new AlertRelease(id -> state.incident(id).isPresent(), this::tellAlert);
    Map<String, StartAt> topics = new LinkedHashMap<>();
    for (Topic<String, ?> topic :
        List.of(
            Topics.INCIDENTS,
            Topics.ALERTS,
            Topics.SILENCES,
            Topics.INCIDENT_ACTIONS,
            Topics.AUDIT)) {
      topics.put(topic.name(), StartAt.BEGINNING);
    }
    topics.put(Topics.HOSTS.name(), StartAt.END);
    this.follower =
        new TopicFollower(
            "team-feed",
            clientConfig,
            topics,
            new TopicFollower.Reader() {
              @Override
              public void read(ConsumerRecord<String, byte[]> record, boolean live) {
                TeamFeed.this.read(record, live);
              }

              @Override
              public void polled() {
                Instant now = Instant.now();
                release.arrived(arrived, now);
                arrived.clear();
                release.release(now);
              }
            },
            "the team feed stopped; alerts, silences and acknowledgements no longer update");
  }

  public void start() {
    follower.start();
  }

  /** Completes once everything on the topics as of the start has been read. */
  public CompletableFuture<Void> caughtUp() {
    return follower.caughtUp();
  }

  private void read(ConsumerRecord<String, byte[]> record, boolean live) {
    try {
      dispatch(record, live, arrived);
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
    follower.close();
  }
}
