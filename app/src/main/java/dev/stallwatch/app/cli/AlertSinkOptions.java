package dev.stallwatch.app.cli;

import dev.stallwatch.app.StartupException;
import dev.stallwatch.server.alerting.AlertConfigFile;
import dev.stallwatch.server.alerting.AlertSinkConfig;
import dev.stallwatch.server.alerting.Endpoint;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where {@code up} sends alerts: Alertmanagers and webhooks, from the command line or a file. */
final class AlertSinkOptions {

  @Option(
      names = "--alertmanager",
      paramLabel = "URL",
      description =
          "An Alertmanager to send alerts to, e.g. http://alertmanager:9093 (repeatable). Alerts"
              + " go to URL/api/v2/alerts.")
  List<String> alertmanagers = new ArrayList<>();

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description =
          "A URL that gets each alert as an Alertmanager webhook (version 4) notification"
              + " (repeatable).")
  List<String> webhooks = new ArrayList<>();

  @Option(
      names = "--alert-config",
      paramLabel = "FILE",
      description =
          "A JSON file of alert destinations with their credentials, re-send interval and"
              + " dashboard URL (see docs/alerts.md).")
  Path configFile;

  @Option(
      names = "--alert-resend-interval",
      paramLabel = "DURATION",
      description =
          "How often active alerts are re-sent to Alertmanager, 30s to 3m (default: 60s, or the"
              + " file's resendInterval).")
  String resendInterval;

  @Option(
      names = "--alert-dashboard-url",
      paramLabel = "URL",
      description = "The dashboard address alerts link to (default: the address up serves it on).")
  URI dashboardUrl;

  /** The destinations; a clear error for a bad URL, file or interval. */
  AlertSinkConfig config() throws StartupException {
    try {
      AlertSinkConfig config =
          configFile == null
              ? AlertSinkConfig.NONE
              : AlertConfigFile.read(configFile, System::getenv);
      config =
          config.plus(
              alertmanagers.stream().map(AlertConfigFile::alertmanagerEndpoint).toList(),
              webhooks.stream().map(Endpoint::of).toList());
      if (resendInterval != null) {
        config = config.withResendInterval(AlertConfigFile.parseDuration(resendInterval));
      }
      return dashboardUrl == null ? config : config.withDashboardUrl(dashboardUrl);
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }
}
