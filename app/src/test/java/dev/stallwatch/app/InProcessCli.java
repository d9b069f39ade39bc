package dev.stallwatch.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code stallwatch} command line in the test's JVM, capturing what it prints. */
final class InProcessCli {

  private InProcessCli() {}

  /** The exit code; standard output goes to {@code out}, standard error to {@code err}. */
  static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
