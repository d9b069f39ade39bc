package dev.stallwatch.collector;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The one list of sources of each profile. */
final class Sources {

  private Sources() {}

  /** The polled sources of a WSL distro, in the order the manifest shows them. */
  static List<Source> guestPolled(
      Machine m, CollectorConfig c, HostFacts facts, CheckpointStore checkpoints) {
    Path root = m.root();
    List<Source> sources = new ArrayList<>();
    sources.add(
        new InventorySource(
            root,
            m.windowsHome(),
            m.distro(),
            m.wslExe(),
            m.dockerExe(),
            m.computerName(),
            c.inventoryInterval,
            facts));
    sources.add(new MemInfoSource(root, c.sampleInterval));
    sources.add(new PressureSource(root, c.sampleInterval));
    sources.add(new ReclaimSource(root, c.sampleInterval, facts));
    sources.add(new DiskStatsSource(root, c.sampleInterval, c.diskStallAfter));
    TaskTable tasks = new TaskTable(root);
    sources.add(new TaskStateSource(tasks, c.sampleInterval, c.dStateAfter));
    if (m.stateDir() != null) {
      sources.add(
          new IoProbeSource(
              m.stateDir().resolve("io-probe"),
              c.probeInterval,
              c.probeSlow,
              c.probeTimeout,
              Clock.systemUTC()));
    }
    sources.add(
        new AptSource(root, tasks, checkpoints, m.fromStart(), c.sampleInterval, c.aptStallAfter));
    sources.addAll(guestDocker(m, c, facts, checkpoints, tasks));
    sources.add(new FreezeSource(Duration.ofSeconds(1), c.freezeLateBy, System::nanoTime));
    return sources;
  }

  /** The guest's Docker Desktop sources: its log, the engine, the backend API, the CLI link. */
  private static List<Source> guestDocker(
      Machine m, CollectorConfig c, HostFacts facts, CheckpointStore checkpoints, TaskTable tasks) {
    Path root = m.root();
    List<Source> sources = new ArrayList<>();
    if (m.windowsHome() != null) {
      sources.add(dockerDesktopLog(m, c, checkpoints));
    }
    if (c.engineProbe) {
      sources.add(
          new EngineProbeSource(
              root.resolve(c.dockerSocket),
              c.engineProbeInterval,
              c.engineProbeTimeout,
              c.engineProbeSlow,
              c.engineProbeConsecutive,
              new DockerClientWatch(tasks::tasks, c.engineClientWait)));
    }
    if (c.backendApi) {
      sources.add(
          new BackendIdleSource(
              new UnixSocketTransport(root.resolve(c.backendSocket)),
              c.backendInterval,
              c.backendTimeout,
              facts));
    }
    sources.add(new DockerCliSource(root, c.dockerCli, c.sampleInterval));
    return sources;
  }

  /** Docker Desktop's backend log under the Windows home, read the same from either side. */
  private static Source dockerDesktopLog(
      Machine m, CollectorConfig c, CheckpointStore checkpoints) {
    return new DockerDesktopLogSource(
        m.windowsHome(),
        c.resourceSaver,
        c.engineRequests,
        checkpoints,
        m.fromStart(),
        c.sampleInterval);
  }

  static List<StreamingSource> guestStreaming(Machine m, CollectorConfig c) {
    return List.of(KmsgSource.withBootTimeUnder(m.root(), c.kernelRules));
  }

  /** The polled sources on the Windows side. */
  static List<Source> windowsPolled(
      Machine m, CollectorConfig c, HostFacts facts, CheckpointStore checkpoints) {
    List<Source> sources = new ArrayList<>();
    sources.add(
        new InventorySource(
            null,
            m.windowsHome(),
            null,
            m.wslExe(),
            m.dockerExe(),
            m.computerName(),
            c.inventoryInterval,
            facts));
    if (m.windowsHome() != null) {
      sources.add(dockerDesktopLog(m, c, checkpoints));
    }
    if (c.backendApi) {
      sources.add(
          new BackendIdleSource(
              new NamedPipeTransport(c.backendPipe), c.backendInterval, c.backendTimeout, facts));
    }
    if (m.wslExe() != null) {
      sources.add(
          new DistroProbeSource(
              m.wslExe(), c.distroProbeInterval, c.probeSlow, c.distroProbeTimeout));
    }
    sources.add(new FreezeSource(Duration.ofSeconds(1), c.freezeLateBy, System::nanoTime));
    return sources;
  }
}
