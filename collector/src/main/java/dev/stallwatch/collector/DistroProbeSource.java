package dev.stallwatch.collector;

import dev.stallwatch.model.event.DistroProbe;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Windows side: lists the WSL distros ({@code wsl.exe -l -q}, UTF-16LE) and probes each with {@code
 * wsl.exe -d NAME -e true} under a timeout, sending one {@code distro_probe} per distro and round.
 * Docker Desktop's own distros are left out. A frozen distro shows as TIMEOUT here even when
 * nothing inside it can report.
 */
final class DistroProbeSource implements Source {

  private final Path wslExe;
  private final Duration interval;
  private final Duration slow;
  private final Duration timeout;

  /**
   * @param wslExe the {@code wsl.exe} to run; tests point it at a fake script
   */
  DistroProbeSource(Path wslExe, Duration interval, Duration slow, Duration timeout) {
    this.wslExe = wslExe;
    this.interval = interval;
    this.slow = slow;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "distros";
  }

  @Override
  public String description() {
    return "runs wsl.exe -l -q and wsl.exe -d NAME -e true; sends distro_probe with the "
        + "distro's name, status and round-trip time";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    List<String> distros = list();
    List<TelemetryEvent> events = new ArrayList<>(distros.size());
    for (String distro : distros) {
      events.add(probe(distro, envelopes));
    }
    return events;
  }

  List<String> list() throws IOException {
    CommandRunner.Result result = run(List.of(wslExe.toString(), "-l", "-q"));
    if (result.timedOut() || result.exitCode() != 0) {
      throw new IOException(
          wslExe
              + " -l -q "
              + (result.timedOut() ? "timed out" : "failed with exit code " + result.exitCode()));
    }
    return parseList(WslVersionParser.decode(result.stdout()));
  }

  /** The distro names of {@code wsl -l -q}, without Docker Desktop's own. */
  static List<String> parseList(String text) {
    List<String> names = new ArrayList<>();
    for (String line : text.split("\n")) {
      String name = line.replace("\0", "").strip();
      if (!name.isEmpty() && !name.toLowerCase(Locale.ROOT).startsWith("docker-desktop")) {
        names.add(name);
      }
    }
    return names;
  }

  private DistroProbe probe(String distro, EnvelopeFactory envelopes) {
    Instant started = Instant.now();
    String command = "wsl.exe -d " + distro + " -e true";
    try {
      CommandRunner.Result result = run(List.of(wslExe.toString(), "-d", distro, "-e", "true"));
      if (result.timedOut()) {
        return new DistroProbe(
            envelopes.next(started),
            distro,
            ProbeStatus.TIMEOUT,
            null,
            command + " did not return within " + timeout.toSeconds() + " s");
      }
      if (result.exitCode() != 0) {
        String output = WslVersionParser.decode(result.stdout()).strip();
        return new DistroProbe(
            envelopes.next(started),
            distro,
            ProbeStatus.FAILED,
            result.millis(),
            command
                + " exited "
                + result.exitCode()
                + (output.isEmpty() ? "" : ": " + SourceFiles.excerpt(output)));
      }
      ProbeStatus status = result.millis() >= slow.toMillis() ? ProbeStatus.SLOW : ProbeStatus.OK;
      return new DistroProbe(envelopes.next(started), distro, status, result.millis(), null);
    } catch (IOException e) {
      return new DistroProbe(
          envelopes.next(started),
          distro,
          ProbeStatus.FAILED,
          null,
          command + ": " + e.getMessage());
    }
  }

  private CommandRunner.Result run(List<String> command) throws IOException {
    try {
      return CommandRunner.run(command, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
