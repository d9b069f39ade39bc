package dev.stallwatch.app.cli;

import dev.stallwatch.app.diagnose.CaptureItem;
import dev.stallwatch.app.diagnose.CaptureWriter;
import dev.stallwatch.collector.Machine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/** {@code stallwatch collect --capture DIR}: writes the capture and says what is in it. */
final class CaptureCommand {

  /** The capture could not be written. */
  static final int FAILED = 1;

  private CaptureCommand() {}

  static int write(Path dir, Machine machine, String host, CommandLine commandLine) {
    PrintWriter out = commandLine.getOut();
    PrintWriter err = commandLine.getErr();
    List<CaptureItem> items;
    try {
      items = new CaptureWriter(machine, host, Clock.systemUTC()).write(dir);
    } catch (IOException e) {
      err.println(
          "stallwatch: cannot write the capture into " + dir + ": " + CommandErrors.describe(e));
      err.flush();
      return FAILED;
    }
    long files = 0;
    long bytes = 0;
    for (CaptureItem item : items) {
      if (item.written()) {
        files++;
        bytes += item.bytes();
        out.printf(
            "wrote    %-52s %10s%s%n",
            item.path(), size(item.bytes()), item.note() == null ? "" : "  (" + item.note() + ")");
      } else {
        out.printf("skipped  %-52s %s%n", item.path(), item.note());
      }
    }
    out.printf(
        "%nCapture of host %s in %s: %d file(s), %s. See what it shows with:%n"
            + "  stallwatch diagnose %s%n",
        CollectCommand.hostLabel(machine, host), dir, files, size(bytes), dir);
    out.flush();
    return 0;
  }

  private static String size(long bytes) {
    return bytes < 10_000 ? bytes + " B" : (bytes + 512) / 1024 + " KiB";
  }
}
