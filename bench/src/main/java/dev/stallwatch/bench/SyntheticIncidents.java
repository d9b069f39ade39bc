package dev.stallwatch.bench;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Incidents as a fleet of WSL2 machines would produce them, from a seed, so two runs (and the index
 * and its baseline) see the same documents: realistic titles per rule, hung-task, apt and kernel
 * lines with varying process names, pids and durations, and the version mix of a team.
 */
final class SyntheticIncidents {

  private static final String[] RULES = {
    "resource-saver-gradual",
    "resource-saver-cgroup-freezer",
    "reclaim-eagain",
    "gradual-systemd-lag",
    "unexplained-hang",
    "engine-never-wakes"
  };
  private static final String[] TITLES = {
    "Hang while Docker Desktop was in Resource Saver with autoMemoryReclaim=gradual",
    "WSL froze while Docker Desktop paused its engine on cgroup v2",
    "memory.reclaim writes failed with EAGAIN and shells stopped starting",
    "Distro lagged after idling with gradual reclaim and systemd",
    "Unexplained hang: the collector was frozen",
    "Docker Desktop did not leave Resource Saver"
  };
  private static final String[] ISSUES = {
    "microsoft/WSL#11066",
    "docker/for-win#14656",
    "microsoft/WSL#10534",
    "microsoft/WSL#10675",
    "microsoft/WSL#8529",
    "docker/for-mac#6933"
  };
  private static final String[] COMMANDS = {
    "apt-get", "apt", "dpkg", "ls", "lsof", "git", "node", "python3", "cargo", "bash", "code"
  };
  private static final String[] WSL = {"2.0.9.0", "2.3.26.0", "2.4.11.0", "2.5.7.0", "2.5.10.0"};
  private static final String[] DOCKER = {"4.38.0", "4.41.2", "4.42.0", "4.43.1", "4.62.0"};
  private static final String[] KERNEL = {
    "5.15.167.4-microsoft-standard-WSL2",
    "6.6.87.1-microsoft-standard-WSL2",
    "6.6.87.2-microsoft-standard-WSL2"
  };
  private static final String[] RECLAIM = {"gradual", "dropcache", "disabled"};
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final long seed;
  private final int hosts;

  SyntheticIncidents(long seed, int hosts) {
    this.seed = seed;
    this.hosts = hosts;
  }

  /** The incident number {@code n}; the same n always gives the same incident. */
  Incident get(long n) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + n);
    int rule = r.nextInt(RULES.length);
    String host = "dev-%s-%03d".formatted(r.nextBoolean() ? "laptop" : "box", r.nextInt(hosts));
    Instant opened = EPOCH.plusSeconds(r.nextLong(Duration.ofDays(90).toSeconds()));
    String comm = COMMANDS[r.nextInt(COMMANDS.length)];
    int pid = 1000 + r.nextInt(60000);
    int blocked = 120 + r.nextInt(600);
    List<Evidence> evidence =
        List.of(
            new Evidence(
                uuid(r),
                "resource_saver",
                opened.minusSeconds(40 + r.nextInt(300)),
                "Docker Desktop entered Resource Saver",
                "[" + opened + "][com.docker.backend.exe.idle][I] engine paused after 300s idle"),
            new Evidence(
                uuid(r),
                "hung_task",
                opened,
                "%s:%d blocked for more than %d s".formatted(comm, pid, blocked),
                "INFO: task %s:%d blocked for more than %d seconds.".formatted(comm, pid, blocked)),
            kernelLine(r, opened, rule));
    boolean resolved = r.nextInt(4) != 0;
    return new Incident(
        "inc-%s-%09d".formatted(host, n),
        host,
        RULES[rule],
        TITLES[rule],
        resolved ? Incident.Status.RESOLVED : Incident.Status.OPEN,
        rule == 4 ? Severity.WARNING : Severity.CRITICAL,
        opened.minusSeconds(blocked),
        opened,
        opened.plusSeconds(r.nextInt(600)),
        resolved ? opened.plusSeconds(600 + r.nextInt(3600)) : null,
        rule == 4 ? 0.3 : 0.7 + r.nextInt(30) / 100.0,
        List.of("the hang began %d s after Docker Desktop entered Resource Saver".formatted(40)),
        evidence,
        new HostContext(
            WSL[r.nextInt(WSL.length)],
            KERNEL[r.nextInt(KERNEL.length)],
            "10.0.26100." + (1000 + r.nextInt(4000)),
            DOCKER[r.nextInt(DOCKER.length)],
            RECLAIM[r.nextInt(RECLAIM.length)],
            r.nextBoolean() ? CgroupLayout.V2 : CgroupLayout.HYBRID,
            r.nextBoolean(),
            true),
        List.of(KnownIssueRef.of(ISSUES[rule])),
        "Wake Docker Desktop, or set autoMemoryReclaim=dropcache and run wsl --shutdown.");
  }

  private static Evidence kernelLine(SplittableRandom r, Instant opened, int rule) {
    String line =
        rule == 2
            ? "WSL (1) ERROR: WriteToFile:%d: write(/sys/fs/cgroup/memory.reclaim, %d) failed -1 11"
                .formatted(100 + r.nextInt(300), 1 << (20 + r.nextInt(8)))
            : "rcu: INFO: rcu_sched detected stalls on CPUs/tasks: { %d-... } %d jiffies"
                .formatted(r.nextInt(8), 5000 + r.nextInt(50000));
    return new Evidence(uuid(r), "kernel_log", opened.plusSeconds(2), "kernel line", line);
  }

  private static String uuid(SplittableRandom r) {
    return new UUID(r.nextLong(), r.nextLong()).toString();
  }
}
