package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Lists the tasks under {@code proc/} of a root by reading each {@code proc/[pid]/stat}. */
final class ProcTasks {

  private ProcTasks() {}

  /**
   * The tasks that could be read; tasks that exit while being read, or whose stat is unreadable,
   * are left out.
   *
   * @throws SourceAbsentException when there is no {@code proc/} under the root
   */
  static List<ProcTaskParser.Task> list(Path proc) throws IOException {
    if (!Files.isDirectory(proc)) {
      throw new SourceAbsentException("no directory " + proc);
    }
    List<ProcTaskParser.Task> tasks = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, ProcTasks::isPid)) {
      for (Path dir : dirs) {
        try {
          SourceFiles.readIfPresent(dir.resolve("stat"), 4096)
              .ifPresent(text -> addParsed(text, tasks));
        } catch (NoSuchFileException | FormatException e) {
          // Gone or not a task: nothing to say about it.
        } catch (IOException e) {
          // An unreadable task (permissions) is skipped; the rest still count.
        }
      }
    }
    return tasks;
  }

  private static void addParsed(String text, List<ProcTaskParser.Task> tasks) {
    try {
      tasks.add(ProcTaskParser.parse(text));
    } catch (FormatException e) {
      // A half-written or foreign file: skipped.
    }
  }

  private static boolean isPid(Path path) {
    String name = path.getFileName().toString();
    if (name.isEmpty() || name.length() > 10) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The command line of a task ({@code proc/[pid]/cmdline}, NUL separated), or null. */
  static String commandLine(Path proc, int pid) {
    try {
      return SourceFiles.readIfPresent(proc.resolve(pid + "/cmdline"), 4096)
          .map(text -> text.replace('\0', ' ').strip())
          .filter(text -> !text.isEmpty())
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
