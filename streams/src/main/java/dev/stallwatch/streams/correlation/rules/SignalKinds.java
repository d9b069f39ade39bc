package dev.stallwatch.streams.correlation.rules;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hang signals a rule may accept. Most are event types; a matched kernel line is {@code
 * kernel_log:RULE} with the collector's rule id, so a renamed kernel rule is a change of data.
 */
public final class SignalKinds {

  public static final String HUNG_TASK = "hung_task";
  public static final String APT_STALL = "apt_stall";
  public static final String IO_STALL = "io_stall";
  public static final String DISTRO_PROBE = "distro_probe";
  public static final String FREEZE = "freeze";

  /** The analyzer saw no event from an active host for a while (wall clock). */
  public static final String HOST_SILENT = "host_silent";

  /** The Docker engine does not answer; a state, judged while it lasts. */
  public static final String ENGINE_UNREACHABLE = "engine_unreachable";

  /**
   * A docker command started while the engine did not answer has waited for it for a while: the
   * engine did not wake for the user.
   */
  public static final String DOCKER_WAITING = "docker_waiting";

  /** WSL's write of memory.reclaim failed (the collector reads the errno from the kernel log). */
  public static final String RECLAIM_FAILED = "reclaim_failed";

  /**
   * The guest was suspended (the PC slept): a {@code freeze} whose gap the monotonic clock mostly
   * did not see. Kept apart from {@link #FREEZE} so that a sleep is never taken for a frozen VM.
   */
  public static final String SUSPENDED = "suspended";

  /** The {@code docker} command vanished from the distro (a {@code docker_cli} MISSING event). */
  public static final String DOCKER_CLI_MISSING = "docker_cli_missing";

  /**
   * {@code wsl.exe} into the distro timed out or failed while the distro's own collector kept
   * reporting and reported no hang: the WSL service or Windows networking, not the distro.
   */
  public static final String WSL_UNRESPONSIVE = "wsl_unresponsive";

  public static final String KERNEL_PREFIX = "kernel_log:";

  /** Signals that mean something on the host stopped making progress. */
  public static final Set<String> HANGS =
      Set.of(
          HUNG_TASK,
          APT_STALL,
          IO_STALL,
          DISTRO_PROBE,
          FREEZE,
          HOST_SILENT,
          DOCKER_WAITING,
          WSL_UNRESPONSIVE);

  /** Signals judged as a lasting state rather than on arrival. */
  public static final Set<String> STATES = Set.of(ENGINE_UNREACHABLE);

  /** Every signal with a fixed name, in the order the rules documentation lists them. */
  public static final List<String> NAMED =
      List.of(
          HUNG_TASK,
          APT_STALL,
          IO_STALL,
          DISTRO_PROBE,
          FREEZE,
          HOST_SILENT,
          DOCKER_WAITING,
          ENGINE_UNREACHABLE,
          RECLAIM_FAILED,
          SUSPENDED,
          DOCKER_CLI_MISSING,
          WSL_UNRESPONSIVE);

  private static final Pattern KERNEL_RULE = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

  private SignalKinds() {}

  public static boolean isKnown(String kind) {
    if (kind.startsWith(KERNEL_PREFIX)) {
      return KERNEL_RULE.matcher(kind.substring(KERNEL_PREFIX.length())).matches();
    }
    return NAMED.contains(kind);
  }

  public static String kernel(String collectorRule) {
    return KERNEL_PREFIX + collectorRule;
  }
}
