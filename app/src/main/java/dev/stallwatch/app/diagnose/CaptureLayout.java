package dev.stallwatch.app.diagnose;

import dev.stallwatch.collector.MachineNames;
import dev.stallwatch.collector.OfflineParser.Kind;
import java.util.List;

/**
 * Where a capture keeps what, in one place for the writer ({@code collect --capture}) and the
 * reader ({@code diagnose}). The distro's files sit at the paths the collector reads under its
 * root; the Windows user's home is mirrored under {@code windows/}.
 */
final class CaptureLayout {

  static final String CAPTURE_JSON = "capture.json";
  static final String DMESG = "dmesg.txt";
  static final String EVENTS = "events.jsonl";
  static final String WINDOWS = "windows";
  static final String WSLCONFIG = "windows/.wslconfig";
  static final String WSL_VERSION = "windows/wsl-version.txt";
  static final String DOCKER_VERSION = "windows/docker-version.txt";

  /** Present (as an empty file) when the kernel offers gradual reclaim; it is write-only. */
  static final String MEMORY_RECLAIM = "sys/fs/cgroup/memory.reclaim";

  /** Present (as a directory) when systemd runs as PID 1. */
  static final String SYSTEMD_RUNNING = "run/systemd/system";

  /** Docker Desktop's settings under the Windows home: the newer name first. */
  static final List<String> DOCKER_SETTINGS =
      List.of("AppData/Roaming/Docker/settings-store.json", "AppData/Roaming/Docker/settings.json");

  /** Docker Desktop's host-side logs under the Windows home. */
  static final String DOCKER_LOG_DIR = "AppData/Local/Docker/log/host";

  /** The backend log, the one the collector reads; rotated copies add a suffix to this name. */
  static final String BACKEND_LOG = "com.docker.backend.exe.log";

  /**
   * A file of the capture and how diagnose reads it.
   *
   * @param kind null for files no source parser reads: kept for a person, or read on their own
   */
  record FileKind(String path, Kind kind) {}

  /**
   * The distro's files a capture holds, at the same paths as under the distro's root, in the order
   * they are written and read.
   */
  static final List<FileKind> GUEST_FILES =
      List.of(
          new FileKind("proc/sys/kernel/osrelease", Kind.OSRELEASE),
          new FileKind("proc/mounts", Kind.MOUNTS),
          new FileKind("proc/cmdline", Kind.CMDLINE),
          new FileKind("etc/wsl.conf", Kind.WSL_CONF),
          new FileKind("proc/meminfo", Kind.MEMINFO),
          new FileKind("proc/pressure/cpu", Kind.PRESSURE),
          new FileKind("proc/pressure/memory", Kind.PRESSURE),
          new FileKind("proc/pressure/io", Kind.PRESSURE),
          new FileKind("proc/diskstats", Kind.DISKSTATS),
          new FileKind("var/log/apt/history.log", Kind.APT_HISTORY),
          new FileKind("var/log/apt/term.log", Kind.APT_TERM),
          new FileKind("proc/sys/kernel/hung_task_timeout_secs", null),
          // Read by diagnose on its own: the name of the machine, not an inventory piece.
          new FileKind(MachineNames.HOSTNAME_FILE, null),
          new FileKind("sys/fs/cgroup/memory.current", null),
          new FileKind("sys/fs/cgroup/memory.stat", null));

  private CaptureLayout() {}

  /** The capture path of a file under the Windows home. */
  static String windows(String pathUnderHome) {
    return WINDOWS + "/" + pathUnderHome;
  }
}
