package dev.stallwatch.app;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.ResourceSaver;
import java.util.Map;

/**
 * The events of the hang the shipped rules explain best, as a collector sends them: WSL 2.5.7 with
 * autoMemoryReclaim=gradual and Docker Desktop 4.42.0, Resource Saver entered, apt-get blocked.
 */
final class SampleTelemetry {

  private SampleTelemetry() {}

  static Inventory inventory(Envelope envelope) {
    return inventory(
        envelope, "gradual", Map.of("experimental.automemoryreclaim", "gradual"), "4.42.0");
  }

  /** The same machine with another reclaim mode, .wslconfig keys and Docker Desktop version. */
  static Inventory inventory(
      Envelope envelope, String reclaim, Map<String, String> wslconfig, String dockerDesktop) {
    return new Inventory(
        envelope,
        "2.5.7.0",
        "6.6.87.2-microsoft-standard-WSL2",
        "10.0.26100.4061",
        "Ubuntu-24.04",
        true,
        CgroupLayout.V2,
        true,
        true,
        reclaim,
        wslconfig,
        dockerDesktop,
        true,
        300);
  }

  static ResourceSaver resourceSaver(Envelope envelope, ResourceSaver.State state) {
    return new ResourceSaver(
        envelope, state, ResourceSaver.SeenVia.ENGINE_PROBE, "engine /_ping timed out 3 times");
  }

  static HungTask hungTask(Envelope envelope) {
    return new HungTask(
        envelope,
        "apt-get",
        4711,
        122,
        "INFO: task apt-get:4711 blocked for more than 122 seconds.");
  }
}
