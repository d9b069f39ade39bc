package dev.stallwatch.model;

import java.util.Set;

/**
 * What was known about a host when something happened, taken from its latest inventory. Any field
 * may be null when the host never reported it.
 *
 * @param autoMemoryReclaim the raw .wslconfig value, e.g. {@code gradual}
 * @param resourceSaverEnabled Docker Desktop's {@code UseResourceSaver} setting
 * @param hostName the machine's display name, checked as {@link HostNames} says
 */
public record HostContext(
    String wslVersion,
    String kernelVersion,
    String windowsVersion,
    String dockerDesktopVersion,
    String autoMemoryReclaim,
    CgroupLayout cgroupLayout,
    Boolean systemd,
    Boolean resourceSaverEnabled,
    String hostName) {

  /** The {@code autoMemoryReclaim} values WSL knows; it ignores any other and uses its default. */
  public static final Set<String> RECLAIM_MODES = Set.of("gradual", "dropcache", "disabled");

  public static final HostContext UNKNOWN =
      new HostContext(null, null, null, null, null, null, null, null, null);

  public HostContext {
    HostNames.checked("hostName", hostName);
  }

  /** A context without a display name, as written before {@code hostName} existed. */
  public HostContext(
      String wslVersion,
      String kernelVersion,
      String windowsVersion,
      String dockerDesktopVersion,
      String autoMemoryReclaim,
      CgroupLayout cgroupLayout,
      Boolean systemd,
      Boolean resourceSaverEnabled) {
    this(
        wslVersion,
        kernelVersion,
        windowsVersion,
        dockerDesktopVersion,
        autoMemoryReclaim,
        cgroupLayout,
        systemd,
        resourceSaverEnabled,
        null);
  }

  /**
   * Nothing is known about the host's setup; its name alone tells no rule anything. (Not a getter:
   * it is no field of the JSON.)
   */
  public boolean setupUnknown() {
    return wslVersion == null
        && kernelVersion == null
        && windowsVersion == null
        && dockerDesktopVersion == null
        && autoMemoryReclaim == null
        && cgroupLayout == null
        && systemd == null
        && resourceSaverEnabled == null;
  }
}
