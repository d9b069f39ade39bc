package dev.stallwatch.collector;

/** Where a collector runs, which decides its sources. */
public enum Profile {
  /** Inside a WSL distro: /proc, /sys, the kernel log, apt, plus the Windows side via /mnt/c. */
  GUEST,
  /** On Windows itself: .wslconfig, Docker Desktop's logs and settings, wsl.exe probes. */
  WINDOWS
}
