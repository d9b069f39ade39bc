package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, ProcTasks::isPid)) {
      for (Path dir : dirs) {
        try {
          addParsed(read(dir.resolve("stat"), buffer), tasks);
        } catch (IOException e) {
          // Gone since the listing, or unreadable (permissions): the rest still count.
        }
      }
    }
    return tasks;
  }

  /** The file's text through one reused buffer; a stat line is far below its 4 KiB. */
  private static String read(Path file, ByteBuffer buffer) throws IOException {
    buffer.clear();
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining() && in.read(buffer) > 0) {
        // a stat file arrives in one read; loop for the rare short read
      }
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
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
