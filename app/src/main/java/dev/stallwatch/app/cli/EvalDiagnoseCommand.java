package dev.stallwatch.app.cli;

import dev.stallwatch.app.StartupException;
import dev.stallwatch.app.diagnose.EvalCases;
import dev.stallwatch.app.diagnose.EvalManifest;
import dev.stallwatch.app.diagnose.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stallwatch eval diagnose [DIR]}: runs {@code diagnose} over captures written from public
 * reports and scores its answers.
 */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the diagnosis of 'stallwatch diagnose' over evaluation cases, each a small capture"
          + " written from the facts of one public report (versions, settings, the lines quoted in"
          + " the thread), and compares what it concludes with what the report shows.",
      "",
      "Without DIR it runs the cases shipped in stallwatch (look-alikes and healthy machines"
          + " among them). DIR is a directory of your own cases: cases.yaml, which lists each"
          + " case (id, report, rule, knownIssue, lookAlike, files), and one directory per case id"
          + " holding a capture in the layout of 'stallwatch diagnose --help'.",
      "",
      "For each case it prints the expected rule and known issue, the rule of the incident a"
          + " person would read first (most severe, then most confident) and the first known issue"
          + " it names. Then the summary: top-1 accuracy of the rule and of the known issue, false"
          + " blames (a Resource Saver rule, resource-saver-*, docker-paused or"
          + " docker-cli-vanished, chosen for a look-alike or a healthy machine) and the share of"
          + " incidents that are only probable (inferred from the machine's context).",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 the targets are met (top-1 known issue accuracy at least 0.9, no false"
          + " blame); 1 they are missed; 2 DIR or its cases.yaml cannot be used."
    })
final class EvalDiagnoseCommand implements Callable<Integer> {

  static final int TARGETS_MISSED = 1;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description = "A directory of cases with its cases.yaml (default: the shipped cases).")
  Path dir;

  @Option(
      names = "--json",
      description =
          "Print one JSON object {\"cases\": [...], \"summary\": {...}, \"targetsMet\": ...}.")
  boolean json;

  @Option(
      names = "--rules",
      paramLabel = "PATH",
      description =
          "A rules file, or a directory of *.yaml rule files, added to the shipped rules as for"
              + " 'stallwatch diagnose'.")
  Path rules;

  @Override
  public Integer call() throws Exception {
    // The cases' own unreadable lines are counted per case; the collector's warnings would repeat.
    DiagnoseCommand.quietCollectorWarnings();
    Evaluation evaluation =
        new Evaluation(AnalysisOptions.ruleBook(rules), CollectCommand.loadConfig(null));
    Evaluation.Report report;
    try (EvalCases cases = cases()) {
      report = evaluation.run(cases.cases());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      EvalPrinter.json(report, out);
    } else {
      EvalPrinter.human(report, out);
    }
    out.flush();
    return report.summary().targetsMet() ? 0 : TARGETS_MISSED;
  }

  private EvalCases cases() throws StartupException, IOException {
    if (dir == null) {
      return EvalCases.shipped();
    }
    if (!Files.isDirectory(dir)) {
      throw new StartupException(
          dir
              + (Files.exists(dir) ? " is not a directory" : " does not exist")
              + "; name a directory of cases with its "
              + EvalManifest.FILE);
    }
    if (!Files.isRegularFile(dir.resolve(EvalManifest.FILE))) {
      throw new StartupException(
          dir
              + " has no "
              + EvalManifest.FILE
              + " listing its cases; see 'stallwatch eval"
              + " diagnose --help'");
    }
    try {
      return EvalCases.directory(dir);
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }
}
