package dev.stallwatch.collector;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Inventory;
import java.util.Locale;
import java.util.Map;

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
    Boolean autoMemoryReclaimRecognized,
    String hostName,
    Map<String, String> dockerBackendApi) {

  InventoryFacts {
    dockerBackendApi = dockerBackendApi == null ? Map.of() : Map.copyOf(dockerBackendApi);
  }

  /** Facts with no name, as a lone file tells them ({@code stallwatch parse}). */
  InventoryFacts(
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
    this(
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
        autoMemoryReclaimRecognized,
        null,
        Map.of());
  }

  /**
   * Whether WSL knows an {@code autoMemoryReclaim} value from .wslconfig; null when it is not set.
   */
  static Boolean reclaimRecognized(String value) {
    return value == null
        ? null
        : HostContext.RECLAIM_MODES.contains(value.strip().toLowerCase(Locale.ROOT));
  }

  /** The {@code [boot] systemd} value of wsl.conf as a switch; null when it is not set. */
  static Boolean systemdSetting(String value) {
    return value == null ? null : value.strip().equalsIgnoreCase("true");
  }

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
        autoMemoryReclaimRecognized,
        hostName,
        dockerBackendApi);
  }
}
