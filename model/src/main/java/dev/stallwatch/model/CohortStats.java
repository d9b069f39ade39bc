package dev.stallwatch.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Hosts that share WSL version, Docker Desktop version, reclaim mode, Resource Saver setting and
 * cgroup layout, and how often they hang. Published on the compacted {@code stallwatch.cohorts}
 * keyed by {@link #key()}.
 *
 * @param resourceSaver {@code on}, {@code off} or {@code unknown}
 * @param hostsWithIncidents hosts with an incident opened in their last 7 days
 * @param hostsAtRisk hosts whose context matches a rule and that never had an incident
 * @param rate {@code hostsWithIncidents / hosts}, 0 for an empty cohort
 */
public record CohortStats(
    String wslVersion,
    String dockerDesktopVersion,
    String autoMemoryReclaim,
    String resourceSaver,
    String cgroupLayout,
    int hosts,
    int hostsWithIncidents,
    int hostsAtRisk,
    double rate) {

  public static final String UNKNOWN = "unknown";

  public CohortStats {
    Objects.requireNonNull(wslVersion, "wslVersion");
    Objects.requireNonNull(dockerDesktopVersion, "dockerDesktopVersion");
    Objects.requireNonNull(autoMemoryReclaim, "autoMemoryReclaim");
    Objects.requireNonNull(resourceSaver, "resourceSaver");
    Objects.requireNonNull(cgroupLayout, "cgroupLayout");
  }

  /** The empty cohort a host with this context belongs to. */
  public static CohortStats emptyFor(HostContext context) {
    return new CohortStats(
        orUnknown(context.wslVersion()),
        orUnknown(context.dockerDesktopVersion()),
        context.autoMemoryReclaim() == null
            ? "unset"
            : context.autoMemoryReclaim().strip().toLowerCase(Locale.ROOT),
        context.resourceSaverEnabled() == null
            ? UNKNOWN
            : context.resourceSaverEnabled() ? "on" : "off",
        context.cgroupLayout() == null ? UNKNOWN : context.cgroupLayout().wireName(),
        0,
        0,
        0,
        0);
  }

  /** {@code wsl=2.5.7.0 dd=4.42.0 reclaim=gradual rs=on cgroup=v2}. */
  public String key() {
    return "wsl=%s dd=%s reclaim=%s rs=%s cgroup=%s"
        .formatted(
            wslVersion, dockerDesktopVersion, autoMemoryReclaim, resourceSaver, cgroupLayout);
  }

  /** The same cohort with one host more (+1) or less (-1). */
  public CohortStats plus(int sign, boolean withIncidents, boolean atRisk) {
    int newHosts = Math.max(0, hosts + sign);
    int newWith = Math.max(0, hostsWithIncidents + (withIncidents ? sign : 0));
    int newAtRisk = Math.max(0, hostsAtRisk + (atRisk ? sign : 0));
    return new CohortStats(
        wslVersion,
        dockerDesktopVersion,
        autoMemoryReclaim,
        resourceSaver,
        cgroupLayout,
        newHosts,
        newWith,
        newAtRisk,
        newHosts == 0 ? 0 : (double) newWith / newHosts);
  }

  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? UNKNOWN : value.strip();
  }
}
