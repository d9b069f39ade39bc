package dev.stallwatch.model.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/** The one list of wire type names. Names are stable: never rename one, add a new type instead. */
public final class EventTypes {

  private static final SequencedMap<String, Class<? extends TelemetryEvent>> BY_NAME = register();

  private static SequencedMap<String, Class<? extends TelemetryEvent>> register() {
    SequencedMap<String, Class<? extends TelemetryEvent>> byName = new LinkedHashMap<>();
    byName.put("inventory", Inventory.class);
    byName.put("resource_saver", ResourceSaver.class);
    byName.put("engine_probe", EngineProbe.class);
    byName.put("reclaim", Reclaim.class);
    byName.put("memory", Memory.class);
    byName.put("pressure", Pressure.class);
    byName.put("io_stall", IoStall.class);
    byName.put("hung_task", HungTask.class);
    byName.put("kernel_log", KernelLog.class);
    byName.put("apt_stall", AptStall.class);
    byName.put("freeze", Freeze.class);
    byName.put("heartbeat", Heartbeat.class);
    byName.put("distro_probe", DistroProbe.class);
    byName.put("docker_cli", DockerCli.class);
    return byName;
  }

  private EventTypes() {}

  /** Every registered type, in declaration order. */
  public static SequencedMap<String, Class<? extends TelemetryEvent>> all() {
    return Collections.unmodifiableSequencedMap(BY_NAME);
  }

  public static Optional<Class<? extends TelemetryEvent>> classOf(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static String nameOf(Class<?> type) {
    for (Map.Entry<String, Class<? extends TelemetryEvent>> entry : BY_NAME.entrySet()) {
      if (entry.getValue().equals(type)) {
        return entry.getKey();
      }
    }
    throw new IllegalArgumentException("not a registered telemetry type: " + type.getName());
  }
}
