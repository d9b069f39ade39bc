package dev.stallwatch.app.cli;

import dev.stallwatch.app.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file the user named before a command reads it, so the one-line error names what was
 * given and what is wrong with it rather than what the reading library made of it.
 */
final class InputFiles {

  private InputFiles() {}

  /**
   * @param option the option that named it ({@code --queries}), or empty for a parameter
   */
  static Path regularFile(String option, Path file) throws StartupException {
    String named = option.isEmpty() ? file.toString() : option + " " + file;
    if (Files.isDirectory(file)) {
      throw new StartupException(named + " is a directory; name a file");
    }
    if (!Files.exists(file)) {
      throw new StartupException(named + " does not exist");
    }
    if (!Files.isReadable(file)) {
      throw new StartupException("cannot read " + named + ": permission denied");
    }
    return file;
  }

  /** A program the user named to run; null (not named) passes. */
  static void executable(String option, Path program) throws StartupException {
    if (program == null) {
      return;
    }
    regularFile(option, program);
    if (!Files.isExecutable(program)) {
      throw new StartupException(option + " " + program + " is not executable");
    }
  }
}
