package dev.stallwatch.collector;

import dev.stallwatch.model.event.DockerCli;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Watches the {@code docker} command of the distro ({@code /usr/bin/docker}, which Docker Desktop
 * makes a link into {@code /mnt/wsl/docker-desktop/cli-tools/}). From about Docker Desktop 4.81 the
 * link vanishes while Resource Saver is active and comes back when it wakes. Sends {@code
 * docker_cli} MISSING when a command that was there is gone or its link no longer resolves, and
 * PRESENT when it returns. The first look only sets the baseline, so a distro that never had docker
 * sends nothing. Absolute link targets are resolved under the root, so a capture or fixture tree
 * answers as the distro would.
 */
final class DockerCliSource implements Source {

  private final Path root;
  private final String path;
  private final Duration interval;
  private Boolean present;
  private boolean reportedMissing;

  /**
   * @param path the command's path in the distro, e.g. {@code /usr/bin/docker}
   */
  DockerCliSource(Path root, String path, Duration interval) {
    this.root = root;
    this.path = "/" + path.replaceAll("^/+", "");
    this.interval = interval;
  }

  @Override
  public String name() {
    return "dockercli";
  }

  @Override
  public String description() {
    return "looks whether "
        + path
        + " exists and its link resolves; sends docker_cli when it "
        + "vanishes and when it returns, with the link's target";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    Path command = underRoot(path);
    String missing;
    try {
      missing = whyMissing(command);
    } catch (NoSuchFileException e) {
      // The link went away between looking at it and reading it: as missing as it gets.
      missing = "no such file";
    }
    boolean isPresent = missing == null;
    Boolean before = present;
    present = isPresent;
    if (before == null || before == isPresent) {
      return List.of();
    }
    if (!isPresent) {
      reportedMissing = true;
      return List.of(new DockerCli(envelopes.next(now), DockerCli.State.MISSING, path, missing));
    }
    if (!reportedMissing) {
      return List.of();
    }
    reportedMissing = false;
    return List.of(
        new DockerCli(envelopes.next(now), DockerCli.State.PRESENT, path, describe(command)));
  }

  /** Null when the command is there; else why not, in words. */
  private String whyMissing(Path command) throws IOException {
    if (!Files.isSymbolicLink(command)) {
      return Files.exists(command, LinkOption.NOFOLLOW_LINKS) ? null : "no such file";
    }
    String target = Files.readSymbolicLink(command).toString();
    Path resolved =
        target.startsWith("/") ? underRoot(target) : command.resolveSibling(target).normalize();
    return Files.exists(resolved) ? null : "link to " + target + " does not resolve";
  }

  private String describe(Path command) throws IOException {
    return Files.isSymbolicLink(command)
        ? "link to " + Files.readSymbolicLink(command)
        : "a file, not a link";
  }

  private Path underRoot(String absolute) {
    return root.resolve(absolute.replaceAll("^/+", ""));
  }
}
