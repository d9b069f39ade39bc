package dev.stallwatch.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top of the command line; each job is a subcommand. */
@Command(
    name = "stallwatch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Explains why WSL2 machines hang: collects what each machine sees into Kafka, correlates"
          + " hangs with their causes (Docker Desktop Resource Saver, autoMemoryReclaim, cgroup"
          + " v2) and makes incidents searchable on a dashboard.",
      ""
    },
    subcommands = {
      UpCommand.class,
      CollectCommand.class,
      ParseCommand.class,
      AnalyzeCommand.class,
      ReplayCommand.class,
      DiagnoseCommand.class,
      EvalCommand.class,
      RulesCommand.class,
      SearchCommand.class,
      KbCommand.class,
      StatusCommand.class,
      BenchCommand.class
    },
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run 'stallwatch COMMAND --help' for the options of a command."})
public final class StallwatchCommand implements Runnable {

  @Spec CommandSpec spec;

  /**
   * The command tree with its error handling: every error a single line on stderr, exit code 2 for
   * what the user can fix.
   */
  public static CommandLine commandLine() {
    return CommandErrors.install(new CommandLine(new StallwatchCommand()));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
