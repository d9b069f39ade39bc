package dev.stallwatch.collector;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Inventory;
import java.util.Map;
import java.util.Set;

/** What an inventory says, without its envelope: two equal facts need no new event. */
record InventoryFacts(
    String wslVersion,
    String kernelVersion,
    String windowsVersion,
    String distro,
    Boolean systemd,
    CgroupLayout cgroupLayout,
    Boolean cgroupV1Disabled,
    Boolean memoryReclaimPresent,
    String autoMemoryReclaim,
    Map<String, String> wslconfig,
    String dockerDesktopVersion,
    Boolean resourceSaverEnabled,
    Integer autoPauseTimeoutSeconds,
    Boolean autoMemoryReclaimRecognized) {

  static final Set<String> RECLAIM_MODES = Set.of("gradual", "dropcache", "disabled");

  Inventory toEvent(Envelope envelope) {
    return new Inventory(
        envelope,
        wslVersion,
        kernelVersion,
        windowsVersion,
        distro,
        systemd,
        cgroupLayout,
        cgroupV1Disabled,
        memoryReclaimPresent,
        autoMemoryReclaim,
        wslconfig,
        dockerDesktopVersion,
        resourceSaverEnabled,
        autoPauseTimeoutSeconds,
        autoMemoryReclaimRecognized);
  }
}
