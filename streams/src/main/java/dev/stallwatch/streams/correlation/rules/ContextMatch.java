package dev.stallwatch.streams.correlation.rules;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.HostContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host context a rule needs. Each field left null means "any"; a field that is set never
 * matches a host that did not report that fact.
 *
 * @param autoMemoryReclaim accepted .wslconfig values, lower case; {@code unset} accepts a host
 *     whose inventory has no value
 * @param cgroupLayout accepted layouts
 */
public record ContextMatch(
    Set<String> autoMemoryReclaim,
    Set<CgroupLayout> cgroupLayout,
    Boolean systemd,
    Boolean resourceSaverEnabled,
    VersionRange dockerDesktop,
    VersionRange wsl) {

  public static final String UNSET = "unset";
  public static final ContextMatch ANY = new ContextMatch(null, null, null, null, null, null);

  /** The facts that make this host match, or empty when it does not. */
  public Optional<List<String>> match(HostContext context) {
    List<String> reasons = new ArrayList<>();
    boolean ok =
        reclaimMatches(context, reasons)
            && layoutMatches(context, reasons)
            && flagMatches(systemd, context.systemd(), "systemd is ", reasons)
            && flagMatches(
                resourceSaverEnabled, context.resourceSaverEnabled(), "Resource Saver is ", reasons)
            && versionMatches(
                dockerDesktop, context.dockerDesktopVersion(), "Docker Desktop", reasons)
            && versionMatches(wsl, context.wslVersion(), "WSL", reasons);
    return ok ? Optional.of(List.copyOf(reasons)) : Optional.empty();
  }

  private boolean reclaimMatches(HostContext context, List<String> reasons) {
    if (autoMemoryReclaim == null) {
      return true;
    }
    String value = context.autoMemoryReclaim();
    if (value == null || value.isBlank()) {
      boolean reported = !context.setupUnknown();
      if (reported && autoMemoryReclaim.contains(UNSET)) {
        reasons.add(".wslconfig does not set autoMemoryReclaim");
        return true;
      }
      return false;
    }
    String normalized = value.strip().toLowerCase(Locale.ROOT);
    if (autoMemoryReclaim.contains(normalized)) {
      reasons.add(".wslconfig sets autoMemoryReclaim=" + normalized);
      return true;
    }
    return false;
  }

  private boolean layoutMatches(HostContext context, List<String> reasons) {
    if (cgroupLayout == null) {
      return true;
    }
    if (context.cgroupLayout() != null && cgroupLayout.contains(context.cgroupLayout())) {
      reasons.add("cgroup layout is " + context.cgroupLayout().wireName());
      return true;
    }
    return false;
  }

  private static boolean flagMatches(
      Boolean wanted, Boolean actual, String label, List<String> reasons) {
    if (wanted == null) {
      return true;
    }
    if (wanted.equals(actual)) {
      reasons.add(label + (actual ? "on" : "off"));
      return true;
    }
    return false;
  }

  private static boolean versionMatches(
      VersionRange range, String version, String label, List<String> reasons) {
    if (range == null) {
      return true;
    }
    if (range.contains(version)) {
      reasons.add(label + " " + version + " is in " + range.text());
      return true;
    }
    return false;
  }
}
