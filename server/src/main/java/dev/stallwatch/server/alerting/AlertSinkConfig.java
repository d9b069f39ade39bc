package dev.stallwatch.server.alerting;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where alerts go and how often they are re-sent.
 *
 * @param alertmanagers each gets every alert, and the active ones again every {@code
 *     resendInterval}
 * @param webhooks each gets a notification when an alert fires and when it resolves
 * @param resendInterval 30 s to 3 min: shorter than Alertmanager's resolve_timeout (5 min), so an
 *     alert that is still true never times out there
 * @param resolvedResendFor how long a resolved alert keeps being re-sent, so an Alertmanager that
 *     missed the first one still learns of it
 * @param dashboardUrl the base of each alert's generatorURL; null means the server's own address
 */
public record AlertSinkConfig(
    List<Endpoint> alertmanagers,
    List<Endpoint> webhooks,
    Duration resendInterval,
    Duration resolvedResendFor,
    URI dashboardUrl,
    RetryPolicy retry) {

  public static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
  public static final Duration MAX_INTERVAL = Duration.ofMinutes(3);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_RESOLVED_FOR = Duration.ofMinutes(5);

  public static final AlertSinkConfig NONE =
      new AlertSinkConfig(
          List.of(), List.of(), DEFAULT_INTERVAL, DEFAULT_RESOLVED_FOR, null, RetryPolicy.DEFAULTS);

  public AlertSinkConfig {
    alertmanagers = List.copyOf(alertmanagers);
    webhooks = List.copyOf(webhooks);
    checkInterval(resendInterval);
    if (resolvedResendFor.isNegative()) {
      throw new IllegalArgumentException("the resolved re-send time must not be negative");
    }
  }

  /**
   * @throws IllegalArgumentException saying the allowed range
   */
  public static Duration checkInterval(Duration interval) {
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          "the alert re-send interval must be between 30s and 3m (Alertmanager forgets an alert"
              + " not re-sent within its resolve_timeout), was "
              + AlertConfigFile.format(interval));
    }
    return interval;
  }

  public boolean isEmpty() {
    return alertmanagers.isEmpty() && webhooks.isEmpty();
  }

  /** This configuration plus more destinations, e.g. from the command line. */
  public AlertSinkConfig plus(List<Endpoint> moreAlertmanagers, List<Endpoint> moreWebhooks) {
    return new AlertSinkConfig(
        concat(alertmanagers, moreAlertmanagers),
        concat(webhooks, moreWebhooks),
        resendInterval,
        resolvedResendFor,
        dashboardUrl,
        retry);
  }

  public AlertSinkConfig withResendInterval(Duration interval) {
    return new AlertSinkConfig(
        alertmanagers, webhooks, interval, resolvedResendFor, dashboardUrl, retry);
  }

  public AlertSinkConfig withDashboardUrl(URI url) {
    return new AlertSinkConfig(
        alertmanagers, webhooks, resendInterval, resolvedResendFor, url, retry);
  }

  public AlertSinkConfig withRetry(RetryPolicy policy) {
    return new AlertSinkConfig(
        alertmanagers, webhooks, resendInterval, resolvedResendFor, dashboardUrl, policy);
  }

  private static List<Endpoint> concat(List<Endpoint> a, List<Endpoint> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
  }
}
