package dev.stallwatch.app.up;

import dev.stallwatch.app.ServiceStack;
import dev.stallwatch.server.alerting.AlertDispatcher;
import dev.stallwatch.server.alerting.AlertFeed;
import dev.stallwatch.server.alerting.AlertGate;
import dev.stallwatch.server.alerting.AlertSinkConfig;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The alert sinks of {@code up}: a feed of {@code stallwatch.alerts} into the dispatcher. */
public final class AlertSinks {

  private static final Logger LOG = LoggerFactory.getLogger(AlertSinks.class);

  private AlertSinks() {}

  /**
   * Starts the sinks when any destination is configured.
   *
   * @param serverUrl what alerts link to unless the config names a dashboard URL
   * @return the dispatcher, whose {@link AlertDispatcher#stats()} /metrics can read; empty when
   *     nothing is configured
   */
  public static Optional<AlertDispatcher> start(
      AlertSinkConfig config, String bootstrap, URI serverUrl, ServiceStack stack) {
    if (config.isEmpty()) {
      return Optional.empty();
    }
    AlertDispatcher dispatcher =
        stack.add(
            "alert sinks",
            new AlertDispatcher(config, serverUrl, AlertGate.SEND_ALL, Clock.systemUTC()));
    dispatcher.start();
    AlertFeed feed =
        stack.add(
            "alert feed",
            new AlertFeed(
                Map.of("bootstrap.servers", bootstrap, "client.id", "stallwatch-up-alerts"),
                dispatcher::accept));
    feed.start();
    LOG.info("sending alerts to {}", dispatcher.stats());
    return Optional.of(dispatcher);
  }
}
