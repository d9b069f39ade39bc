package dev.stallwatch.app;

import dev.stallwatch.app.cli.StallwatchCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** Entry point of the {@code stallwatch} command line. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    int exitCode = commandLine().execute(args);
    if (!ShutdownSignal.inProgress()) {
      System.exit(exitCode); // checkstyle: allow RegexpSinglelineJava
    }
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    return StallwatchCommand.commandLine();
  }
}
