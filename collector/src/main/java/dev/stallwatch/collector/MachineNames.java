package dev.stallwatch.collector;

import dev.stallwatch.model.HostNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The name people know a machine by, sent next to its hashed host id: the distro's Linux hostname
 * ({@code proc/sys/kernel/hostname} under the root), or on the Windows side the computer name
 * ({@code COMPUTERNAME}). Only a name {@link HostNames} accepts leaves the machine.
 */
public final class MachineNames {

  /** Where a distro's hostname is, under its root (a capture keeps it at the same path). */
  public static final String HOSTNAME_FILE = "proc/sys/kernel/hostname";

  private MachineNames() {}

  /**
   * The machine's name: {@link Machine#computerName()} when the profile knows one, else the
   * hostname under the root; empty when neither is there.
   *
   * @throws FormatException when what is there is not a host name
   */
  public static Optional<String> of(Machine machine) throws IOException {
    return machine.computerName() != null
        ? parse(machine.computerName())
        : underRoot(machine.root());
  }

  /** The hostname under a distro's root or a capture; empty when the file is absent. */
  public static Optional<String> underRoot(Path root) throws IOException {
    Optional<String> text = SourceFiles.readIfPresent(root.resolve(HOSTNAME_FILE), 4096);
    return text.isPresent() ? parse(text.get()) : Optional.empty();
  }

  /**
   * A name as the kernel or Windows gives it: the first line, stripped; empty when blank.
   *
   * @throws FormatException when it is not a host name, without echoing it past a safe excerpt
   */
  public static Optional<String> parse(String text) throws FormatException {
    String name = text.lines().findFirst().orElse("").strip();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (!HostNames.isValid(name)) {
      throw new FormatException(
          "not a host name (1 to "
              + HostNames.MAX_LENGTH
              + " letters, digits, '-', '.' or '_'): "
              + SourceFiles.excerpt(name));
    }
    return Optional.of(name);
  }
}
