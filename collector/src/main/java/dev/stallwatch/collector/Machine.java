package dev.stallwatch.collector;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a collector finds what it reads. Every path comes in here, so tests point a collector at a
 * fixture tree and fake executables, and {@code diagnose} at a capture.
 *
 * @param root the distro's root ({@code /} live); unused on the Windows side
 * @param windowsHome the Windows user's home, null when unknown
 * @param distro the distro's name ({@code WSL_DISTRO_NAME}), null when unknown
 * @param stateDir spool, checkpoints and the I/O probe file; null keeps nothing (no I/O probe)
 * @param wslExe {@code wsl.exe} to run, null to not run it
 * @param dockerExe {@code docker} to run for the version, null to not run it
 * @param fromStart read tailed files without a checkpoint from their start (else their end)
 * @param computerName the Windows computer name ({@code COMPUTERNAME}) on the Windows side; null in
 *     a distro, whose name is its hostname under the root
 */
public record Machine(
    Path root,
    Path windowsHome,
    String distro,
    Path stateDir,
    Path wslExe,
    Path dockerExe,
    boolean fromStart,
    String computerName) {

  public Machine {
    Objects.requireNonNull(root, "root");
  }

  /** A machine whose name, if any, is the hostname under its root. */
  public Machine(
      Path root,
      Path windowsHome,
      String distro,
      Path stateDir,
      Path wslExe,
      Path dockerExe,
      boolean fromStart) {
    this(root, windowsHome, distro, stateDir, wslExe, dockerExe, fromStart, null);
  }

  /**
   * This distro as the collector finds it: the Windows home under the root when there is exactly
   * one candidate, the distro from {@code WSL_DISTRO_NAME}, and {@code wsl.exe} and {@code docker}
   * from the PATH, but only when the root is {@code /} (a fixture or capture has no commands).
   */
  public static Machine discoverGuest(Path root, Path windowsHome, Path stateDir) {
    boolean live = root.toAbsolutePath().normalize().equals(Path.of("/").toAbsolutePath());
    Path home = windowsHome != null ? windowsHome : WindowsHome.find(root).orElse(null);
    return new Machine(
        root,
        home,
        System.getenv("WSL_DISTRO_NAME"),
        stateDir,
        live ? onPath("wsl.exe").orElse(null) : null,
        live ? onPath("docker").orElse(null) : null,
        false);
  }

  /** The Windows side: the user's home, wsl.exe and docker from the PATH, COMPUTERNAME. */
  public static Machine discoverWindows(Path windowsHome, Path stateDir) {
    return discoverWindows(windowsHome, stateDir, System.getenv());
  }

  static Machine discoverWindows(Path windowsHome, Path stateDir, Map<String, String> env) {
    Path home = windowsHome != null ? windowsHome : Path.of(System.getProperty("user.home"));
    return new Machine(
        home,
        home,
        null,
        stateDir,
        onPath("wsl.exe").orElse(null),
        onPath("docker.exe").or(() -> onPath("docker")).orElse(null),
        false,
        env.get("COMPUTERNAME"));
  }

  /** A copy that runs these executables instead (tests point them at fake scripts). */
  public Machine withCommands(Path wsl, Path docker) {
    return new Machine(
        root,
        windowsHome,
        distro,
        stateDir,
        wsl == null ? wslExe : wsl,
        docker == null ? dockerExe : docker,
        fromStart,
        computerName);
  }

  /** A copy that reads tailed files from their start and keeps no state (the manifest). */
  public Machine forManifest() {
    return new Machine(root, windowsHome, distro, null, wslExe, dockerExe, true, computerName);
  }

  static Optional<Path> onPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A distro root with nothing else known: no Windows home, no state, no commands. */
  public static Machine guest(Path root) {
    return new Machine(root, WindowsHome.find(root).orElse(null), null, null, null, null, false);
  }
}
