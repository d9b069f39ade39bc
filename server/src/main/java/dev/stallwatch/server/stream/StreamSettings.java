package dev.stallwatch.server.stream;

import java.time.Duration;

/**
 * How an {@link EventStream} remembers and paces its events.
 *
 * @param recentEvents events kept for clients that reconnect with {@code Last-Event-ID}
 * @param clientBacklog events a client may fall behind before it is sent {@code resync} and closed
 * @param heartbeat how often an idle stream gets a comment, so proxies and browsers notice a dead
 *     connection (well under Jetty's 30 s idle timeout)
 * @param retry how long a browser waits before reconnecting, sent as {@code retry:} on connect
 */
public record StreamSettings(
    int recentEvents, int clientBacklog, Duration heartbeat, Duration retry) {

  /** 1,000 recent events, 1,000 behind at most, a heartbeat every 15 s, reconnect after 3 s. */
  public static final StreamSettings DEFAULTS =
      new StreamSettings(1_000, 1_000, Duration.ofSeconds(15), Duration.ofSeconds(3));

  /** Checks that every setting is positive. */
  public StreamSettings {
    if (recentEvents < 1 || clientBacklog < 1) {
      throw new IllegalArgumentException("recentEvents and clientBacklog must be at least 1");
    }
    if (heartbeat.isNegative() || heartbeat.isZero() || retry.isNegative() || retry.isZero()) {
      throw new IllegalArgumentException("heartbeat and retry must be positive durations");
    }
  }
}
