package dev.stallwatch.app.up;

import dev.stallwatch.app.ServiceStack;
import dev.stallwatch.server.ServerMetrics;
import dev.stallwatch.server.alerting.AlertDispatcher;
import dev.stallwatch.server.alerting.AlertNotice;
import dev.stallwatch.server.alerting.AlertSinkConfig;
import dev.stallwatch.server.team.AlertStatus;
import dev.stallwatch.server.team.KafkaTeamLog;
import dev.stallwatch.server.team.TeamFeed;
import dev.stallwatch.server.team.TeamListener;
import dev.stallwatch.server.team.TeamState;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team's side of a server: its {@link TeamState}, the {@link KafkaTeamLog} the API records
 * changes in, the {@link TeamFeed} that reads them (and every other server's) back, and the alert
 * sinks, which send only what no silence covers and no cause explains.
 */
public final class TeamServices {

  private static final Logger LOG = LoggerFactory.getLogger(TeamServices.class);

  private final String bootstrap;
  private final TeamState state;
  private final KafkaTeamLog log;

  private TeamServices(String bootstrap, TeamState state, KafkaTeamLog log) {
    this.bootstrap = bootstrap;
    this.state = state;
    this.log = log;
  }

  /** The state and the log, for the server to be built over; nothing is read yet. */
  public static TeamServices prepare(String bootstrap, String clientId, ServiceStack stack) {
    TeamState state = new TeamState(Clock.systemUTC());
    KafkaTeamLog log =
        stack.add(
            "team log",
            new KafkaTeamLog(
                Map.of("bootstrap.servers", bootstrap, "client.id", clientId + "-team-log"),
                state));
    return new TeamServices(bootstrap, state, log);
  }

  public TeamState state() {
    return state;
  }

  public KafkaTeamLog log() {
    return log;
  }

  /**
   * Starts the alert sinks, when any destination is configured, and the feed.
   *
   * @param serverUrl what alerts link to unless the config names a dashboard URL
   * @param metrics where the sinks' counters are registered
   * @param listeners others told of each change (the event stream)
   * @return the feed, whose {@link TeamFeed#caughtUp()} says when the state is complete
   */
  public TeamFeed start(
      AlertSinkConfig alerts,
      URI serverUrl,
      ServerMetrics metrics,
      List<TeamListener> listeners,
      String clientId,
      ServiceStack stack) {
    List<TeamListener> all = new ArrayList<>(listeners);
    sinks(alerts, serverUrl, stack)
        .ifPresent(
            dispatcher -> {
              metrics.alertSinks(dispatcher.stats());
              all.add(toSinks(dispatcher));
            });
    TeamFeed feed =
        stack.add(
            "team feed",
            new TeamFeed(
                Map.of("bootstrap.servers", bootstrap, "client.id", clientId + "-team-feed"),
                state,
                log,
                all));
    feed.start();
    return feed;
  }

  private Optional<AlertDispatcher> sinks(
      AlertSinkConfig config, URI serverUrl, ServiceStack stack) {
    if (config.isEmpty()) {
      return Optional.empty();
    }
    AlertDispatcher dispatcher =
        stack.add(
            "alert sinks", new AlertDispatcher(config, serverUrl, state.gate(), Clock.systemUTC()));
    dispatcher.start();
    LOG.info("sending alerts to {}", dispatcher.stats());
    return Optional.of(dispatcher);
  }

  private TeamListener toSinks(AlertDispatcher dispatcher) {
    return new TeamListener() {
      @Override
      public void alert(AlertStatus status) {
        String id = status.alert().incidentId();
        dispatcher.accept(
            new AlertNotice(status.alert(), id == null ? null : state.incident(id).orElse(null)));
      }
    };
  }
}
