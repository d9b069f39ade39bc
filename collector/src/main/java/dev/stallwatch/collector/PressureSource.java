package dev.stallwatch.collector;

import dev.stallwatch.model.event.Pressure;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Samples PSI ({@code proc/pressure/cpu|memory|io}) into one {@link Pressure} event per file, with
 * the growth of each total since the previous sample. Stock WSL kernels may lack PSI
 * (microsoft/WSL#11147): then the source is ABSENT, not failing.
 */
final class PressureSource implements Source {

  private final Path dir;
  private final Duration interval;
  private final Map<Pressure.Resource, PressureParser.Psi> previous =
      new EnumMap<>(Pressure.Resource.class);

  PressureSource(Path root, Duration interval) {
    this.dir = root.resolve("proc/pressure");
    this.interval = interval;
  }

  @Override
  public String name() {
    return "pressure";
  }

  @Override
  public String description() {
    return "reads proc/pressure/cpu, memory, io; sends their some/full averages and totals";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    List<TelemetryEvent> events = new ArrayList<>(3);
    for (Pressure.Resource resource : Pressure.Resource.values()) {
      Path file = dir.resolve(resource.name().toLowerCase(Locale.ROOT));
      Optional<PressureParser.Psi> psi =
          SourceFiles.parseIfPresent(file, text -> PressureParser.parse(text, Problems.IGNORE));
      if (psi.isPresent()) {
        events.add(toEvent(envelopes, now, resource, psi.get(), previous.get(resource)));
        previous.put(resource, psi.get());
      }
    }
    if (events.isEmpty()) {
      throw new SourceAbsentException("no PSI files in " + dir + " (kernel built without PSI)");
    }
    return events;
  }

  static Pressure toEvent(
      EnvelopeFactory envelopes,
      Instant now,
      Pressure.Resource resource,
      PressureParser.Psi psi,
      PressureParser.Psi before) {
    return new Pressure(
        envelopes.next(now),
        resource,
        withDelta(psi.some(), before == null ? null : before.some()),
        psi.full() == null ? null : withDelta(psi.full(), before == null ? null : before.full()));
  }

  private static Pressure.Stall withDelta(Pressure.Stall now, Pressure.Stall before) {
    Long delta =
        before == null || now.total() < before.total() ? null : now.total() - before.total();
    return new Pressure.Stall(now.avg10(), now.avg60(), now.avg300(), now.total(), delta);
  }
}
