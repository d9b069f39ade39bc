package dev.stallwatch.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stallwatch eval}: measurements that keep stallwatch's answers honest. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measures how well stallwatch answers, on cases written from public reports.",
      ""
    },
    subcommands = {EvalDiagnoseCommand.class},
    commandListHeading = "%nCommands:%n")
final class EvalCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
