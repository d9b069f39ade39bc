package dev.stallwatch.streams;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.ResourceSaver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Builds one host's events at explicit times, as its collector would send them. Times are offsets
 * from a fixed base so scenarios read like a timeline ("at 5 min, Resource Saver entered").
 */
public final class HostEvents {

  public static final Instant BASE = Instant.parse("2026-11-20T09:00:00Z");

  private final String host;
  private long seq;

  public HostEvents(String host) {
    this.host = host;
  }

  public String host() {
    return host;
  }

  public static Instant at(Duration offset) {
    return BASE.plus(offset);
  }

  public Inventory inventory(Duration offset, String autoMemoryReclaim, String dockerDesktop) {
    return new Inventory(
        envelope(offset),
        "2.5.7.0",
        "6.6.87.2-microsoft-standard-WSL2",
        "10.0.26100.4061",
        "Ubuntu-24.04",
        true,
        CgroupLayout.V2,
        true,
        true,
        autoMemoryReclaim,
        autoMemoryReclaim == null
            ? Map.of()
            : Map.of("experimental.automemoryreclaim", autoMemoryReclaim),
        dockerDesktop,
        true,
        300);
  }

  public ResourceSaver entered(Duration offset) {
    return new ResourceSaver(
        envelope(offset),
        ResourceSaver.State.ENTERED,
        ResourceSaver.SeenVia.ENGINE_PROBE,
        "engine /_ping timed out 3 times in a row");
  }

  public ResourceSaver exited(Duration offset) {
    return new ResourceSaver(
        envelope(offset),
        ResourceSaver.State.EXITED,
        ResourceSaver.SeenVia.ENGINE_PROBE,
        "engine /_ping answered 3 times in a row");
  }

  /** The kernel's report at {@code offset} of a task blocked for {@code blockedSeconds}. */
  public HungTask hungTask(Duration offset, String comm, int pid, long blockedSeconds) {
    return new HungTask(
        envelope(offset),
        comm,
        pid,
        blockedSeconds,
        "INFO: task %s:%d blocked for more than %d seconds.".formatted(comm, pid, blockedSeconds));
  }

  public AptStall aptStalled(Duration offset, Duration lastProgress) {
    long stalled = offset.minus(lastProgress).toSeconds();
    return new AptStall(
        envelope(offset),
        AptStall.Phase.STALLED,
        "apt-get update",
        at(lastProgress),
        stalled,
        "Reading package lists...");
  }

  public AptStall aptRecovered(Duration offset, Duration lastProgress) {
    return new AptStall(
        envelope(offset),
        AptStall.Phase.RECOVERED,
        "apt-get update",
        at(lastProgress),
        offset.minus(lastProgress).toSeconds(),
        "Reading package lists... Done");
  }

  public Heartbeat heartbeat(Duration offset) {
    return new Heartbeat(envelope(offset), Map.of(), 0, 0);
  }

  private Envelope envelope(Duration offset) {
    seq++;
    return new Envelope(1, host, at(offset), seq, host + "-" + seq);
  }
}
