package dev.stallwatch.collector;

import java.nio.file.Path;
import java.util.Objects;

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
 */
public record Machine(Path root, Path windowsHome, String distro, Path stateDir, Path wslExe,
    Path dockerExe, boolean fromStart) {

  public Machine {
    Objects.requireNonNull(root, "root");
  }

  /** A distro root with nothing else known: no Windows home, no state, no commands. */
  public static Machine guest(Path root) {
    return new Machine(root, WindowsHome.find(root).orElse(null), null, null, null, null, false);
  }
}
