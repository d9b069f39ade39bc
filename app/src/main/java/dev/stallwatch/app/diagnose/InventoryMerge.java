package dev.stallwatch.app.diagnose;

import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Inventory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes one inventory of the pieces a capture's files tell. The correlator replaces a host's whole
 * context with each inventory it sees, so the pieces must arrive as one: separate ones would each
 * erase what the others said.
 */
final class InventoryMerge {

  /**
   * What the files do not say but the capture's layout does.
   *
   * @param memoryReclaimPresent null when the capture has no {@code sys/fs/cgroup}
   * @param systemdRunning {@code run/systemd/system} is in the capture
   * @param hostName the distro's hostname, from {@code proc/sys/kernel/hostname}
   */
  record LayoutFacts(
      Boolean memoryReclaimPresent, boolean systemdRunning, String distro, String hostName) {}

  private InventoryMerge() {}

  /**
   * The merged inventory; a field comes from the first piece that knows it, so the distro's own
   * kernel release ({@code osrelease}) wins over the one {@code wsl --version} shows.
   *
   * @return empty when nothing at all is known
   */
  static Optional<Inventory> merge(List<Inventory> pieces, LayoutFacts facts, Envelope envelope) {
    boolean knowsSomething =
        !pieces.isEmpty()
            || facts.memoryReclaimPresent() != null
            || facts.systemdRunning()
            || facts.distro() != null
            || facts.hostName() != null;
    if (!knowsSomething) {
      return Optional.empty();
    }
    Map<String, String> wslconfig = new HashMap<>();
    pieces.forEach(piece -> piece.wslconfig().forEach(wslconfig::putIfAbsent));
    return Optional.of(
        new Inventory(
            envelope,
            first(pieces, Inventory::wslVersion),
            first(pieces, Inventory::kernelVersion),
            first(pieces, Inventory::windowsVersion),
            facts.distro() != null ? facts.distro() : first(pieces, Inventory::distro),
            facts.systemdRunning() ? Boolean.TRUE : first(pieces, Inventory::systemd),
            first(pieces, Inventory::cgroupLayout),
            first(pieces, Inventory::cgroupV1Disabled),
            facts.memoryReclaimPresent(),
            first(pieces, Inventory::autoMemoryReclaim),
            wslconfig,
            first(pieces, Inventory::dockerDesktopVersion),
            first(pieces, Inventory::resourceSaverEnabled),
            first(pieces, Inventory::autoPauseTimeoutSeconds),
            first(pieces, Inventory::autoMemoryReclaimRecognized),
            facts.hostName() != null ? facts.hostName() : first(pieces, Inventory::hostName)));
  }

  private static <T> T first(List<Inventory> pieces, Function<Inventory, T> field) {
    return pieces.stream().map(field).filter(Objects::nonNull).findFirst().orElse(null);
  }
}
