package dev.stallwatch.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.HostNames;
import java.util.Map;
import java.util.Objects;

/**
 * What the machine is: versions, memory reclaim and cgroup setup, Docker Desktop settings. Sent at
 * start and whenever any of it changes. Every field but the envelope may be null when unknown.
 *
 * @param autoMemoryReclaim the raw {@code [experimental] autoMemoryReclaim} value from .wslconfig
 * @param wslconfig every .wslconfig key as {@code section.key} (lower case) to its raw value
 * @param resourceSaverEnabled Docker Desktop's {@code UseResourceSaver} setting
 * @param autoMemoryReclaimRecognized false when .wslconfig sets an {@code autoMemoryReclaim} value
 *     WSL does not know (WSL ignores it and uses its default); null when the key is not set
 * @param hostName the machine's display name (the distro's Linux hostname, or the Windows computer
 *     name), since the host id is a hash; a name that is not a host name (see {@link HostNames})
 *     makes the event invalid
 * @param dockerBackendApi Docker Desktop's backend API endpoints the collector tried (e.g. {@code
 *     GET /idle}) and how each answered ({@code answered}, or why not); empty when not tried. The
 *     API is undocumented, so an endpoint that does not answer is a fact about the machine, not an
 *     error
 */
public record Inventory(
    Envelope envelope,
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
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> dockerBackendApi)
    implements TelemetryEvent {

  public Inventory {
    Objects.requireNonNull(envelope, "envelope");
    wslconfig = wslconfig == null ? Map.of() : Map.copyOf(wslconfig);
    HostNames.checked("hostName", hostName);
    dockerBackendApi = dockerBackendApi == null ? Map.of() : Map.copyOf(dockerBackendApi);
  }

  /** An inventory written before {@code dockerBackendApi} existed. */
  public Inventory(
      Envelope envelope,
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
      String hostName) {
    this(
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
        Map.of());
  }

  /** An inventory written before {@code hostName} existed. */
  public Inventory(
      Envelope envelope,
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
        null);
  }

  /** An inventory written before {@code autoMemoryReclaimRecognized} existed. */
  public Inventory(
      Envelope envelope,
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
      Integer autoPauseTimeoutSeconds) {
    this(
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
        null,
        null);
  }
}
