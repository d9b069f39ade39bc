package dev.stallwatch.server.alerting;

/**
 * Delivery counters of one alert destination, for {@code /metrics}: one per Alertmanager URL and
 * per webhook URL. The counters only grow.
 */
public interface AlertSinkStats {

  /** {@code alertmanager} or {@code webhook}. */
  String kind();

  /** The destination's URL without credentials, safe to show. */
  String target();

  /** Payloads the destination accepted (a 2xx answer). */
  long sent();

  /** Payloads given up on after the last attempt. */
  long failed();

  /** Payloads dropped unsent because the queue was full (the oldest go first). */
  long dropped();
}
