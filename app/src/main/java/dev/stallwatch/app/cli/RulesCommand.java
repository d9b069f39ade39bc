package dev.stallwatch.app.cli;

import dev.stallwatch.streams.correlation.rules.InvalidRulesException;
import dev.stallwatch.streams.correlation.rules.Rule;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import dev.stallwatch.streams.correlation.rules.RuleError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stallwatch rules}: work with correlation rule files. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Work with correlation rules (YAML files; see docs/correlation.md).",
    subcommands = {RulesCommand.Check.class})
final class RulesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code stallwatch rules check PATH}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Validates a rules file, or every *.yaml / *.yml file of a directory, together with the"
            + " shipped rules it would override, and lists the rules that would be in force.",
        "Every problem is reported with its file, key path and rule, e.g."
            + " 'rules.yaml: rules[3].resourceSaver.window: unknown unit 'mins''.",
        "Exit codes: 0 valid, 1 invalid rules, 2 the path cannot be read."
      })
  static final class Check implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "A rules file or a directory of rule files.")
    Path path;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.exists(path)) {
        err.println("stallwatch: no such file or directory: " + path);
        return 2;
      }
      try {
        RuleBook book = RuleBook.load(path);
        out.printf(
            "%s: valid; %d rules in force, tried in this order:%n", path, book.rules().size());
        for (Rule rule : book.rules()) {
          out.printf(
              "  %-26s %-8s %s%n", rule.id(), rule.severity().wireName(), origin(rule.source()));
        }
        return 0;
      } catch (InvalidRulesException e) {
        for (RuleError error : e.errors()) {
          err.println(error);
        }
        err.printf("%s: %d problem(s)%n", path, e.errors().size());
        return 1;
      } catch (IOException e) {
        err.println("stallwatch: cannot read " + path + " (" + e.getMessage() + ")");
        return 2;
      }
    }

    private static String origin(String source) {
      return source.startsWith("shipped:") ? "(shipped)" : "(" + source + ")";
    }
  }
}
