package dev.stallwatch.model;

import java.util.Set;

/**
 * What was known about a host when something happened, taken from its latest inventory. Any field
 * may be null when the host never reported it.
 *
 * @param autoMemoryReclaim the raw .wslconfig value, e.g. {@code gradual}
 * @param resourceSaverEnabled Docker Desktop's {@code UseResourceSaver} setting
 */
public record HostContext(
    String wslVersion,
    String kernelVersion,
    String windowsVersion,
    String dockerDesktopVersion,
    String autoMemoryReclaim,
    CgroupLayout cgroupLayout,
    Boolean systemd,
    Boolean resourceSaverEnabled) {

  /** The {@code autoMemoryReclaim} values WSL knows; it ignores any other and uses its default. */
  public static final Set<String> RECLAIM_MODES = Set.of("gradual", "dropcache", "disabled");

  public static final HostContext UNKNOWN =
      new HostContext(null, null, null, null, null, null, null, null);
}
