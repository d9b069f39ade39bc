package dev.stallwatch.server.alerting;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends alerts to every configured Alertmanager and webhook. Alertmanager gets each change at once
 * and then, every re-send interval, every active alert and every alert resolved less than {@code
 * resolvedResendFor} ago. A webhook gets each change once: firing, then resolved. Every send asks
 * the {@link AlertGate} first.
 */
public final class AlertDispatcher implements AutoCloseable {

  /** Alerts remembered for re-sending; past this the oldest is forgotten (never unbounded). */
  static final int MAX_TRACKED = 10_000;

  private final AlertSinkConfig config;
  private final URI dashboard;
  private final AlertGate gate;
  private final Clock clock;
  private final List<Delivery> alertmanagers = new ArrayList<>();
  private final List<Delivery> webhooks = new ArrayList<>();
  private final Map<String, Tracked> tracked = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;

  private record Tracked(AlertNotice notice, Instant forgetAt) {}

  public AlertDispatcher(AlertSinkConfig config, URI serverUrl, AlertGate gate, Clock clock) {
    this.config = config;
    this.dashboard = config.dashboardUrl() != null ? config.dashboardUrl() : serverUrl;
    this.gate = gate;
    this.clock = clock;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    config
        .alertmanagers()
        .forEach(e -> alertmanagers.add(new Delivery("alertmanager", e, config.retry(), http)));
    config.webhooks().forEach(e -> webhooks.add(new Delivery("webhook", e, config.retry(), http)));
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("alert-resend").unstarted(r));
  }

  public void start() {
    alertmanagers.forEach(Delivery::start);
    webhooks.forEach(Delivery::start);
    long every = config.resendInterval().toMillis();
    ticker.scheduleWithFixedDelay(this::resend, every, every, TimeUnit.MILLISECONDS);
  }

  /** A new or changed alert: sent now, and remembered for the re-sends. */
  public void accept(AlertNotice notice) {
    String key = notice.alert().fingerprint();
    synchronized (tracked) {
      tracked.remove(key);
      Instant forgetAt =
          notice.resolved() ? clock.instant().plus(config.resolvedResendFor()) : Instant.MAX;
      tracked.put(key, new Tracked(notice, forgetAt));
      while (tracked.size() > MAX_TRACKED) {
        tracked.remove(tracked.keySet().iterator().next());
      }
    }
    if (!gate.shouldSend(notice)) {
      return;
    }
    byte[] toAlertmanager = AlertPayloads.alertmanager(List.of(notice), dashboard);
    alertmanagers.forEach(d -> d.offer(toAlertmanager));
    byte[] toWebhook = AlertPayloads.webhook(notice, dashboard);
    webhooks.forEach(d -> d.offer(toWebhook));
  }

  /** Every remembered alert the gate lets through, in one request to each Alertmanager. */
  void resend() {
    List<AlertNotice> due = new ArrayList<>();
    Instant now = clock.instant();
    synchronized (tracked) {
      tracked.values().removeIf(t -> t.forgetAt().isBefore(now));
      tracked.values().forEach(t -> due.add(t.notice()));
    }
    due.removeIf(n -> !gate.shouldSend(n));
    if (due.isEmpty() || alertmanagers.isEmpty()) {
      return;
    }
    byte[] payload = AlertPayloads.alertmanager(due, dashboard);
    alertmanagers.forEach(d -> d.offer(payload));
  }

  /** How many alerts are remembered for re-sending. */
  int tracked() {
    synchronized (tracked) {
      return tracked.size();
    }
  }

  /** The counters of each destination, Alertmanagers first. */
  public List<AlertSinkStats> stats() {
    List<AlertSinkStats> all = new ArrayList<>(alertmanagers);
    all.addAll(webhooks);
    return List.copyOf(all);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    alertmanagers.forEach(Delivery::close);
    webhooks.forEach(Delivery::close);
  }

  @Override
  public String toString() {
    return "alert sinks " + stats();
  }
}
