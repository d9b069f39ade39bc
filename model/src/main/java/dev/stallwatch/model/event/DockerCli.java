package dev.stallwatch.model.event;

import java.util.Objects;

/**
 * The {@code docker} command inside the distro vanished or came back. Docker Desktop puts it there
 * as a link into {@code /mnt/wsl/docker-desktop/cli-tools/}; from about 4.81, while Resource Saver
 * is active, that link disappears and {@code docker} fails with "No such file or directory".
 *
 * @param path the command's path in the distro ({@code /usr/bin/docker})
 * @param detail what was seen: the link's target, or why it does not resolve
 */
public record DockerCli(Envelope envelope, State state, String path, String detail)
    implements TelemetryEvent {

  public enum State {
    MISSING,
    PRESENT
  }

  public DockerCli {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(path, "path");
  }
}
