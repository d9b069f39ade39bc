package dev.stallwatch.app.cli;

import dev.stallwatch.app.diagnose.Evaluation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints what {@code stallwatch eval diagnose} measured: a table per case and the summary. */
final class EvalPrinter {

  private static final List<String> HEADER =
      List.of("case", "report", "expected rule", "expected issue", "got rule", "got issue", "");

  /** One case in the JSON document. */
  record CaseRow(
      String id,
      String report,
      boolean lookAlike,
      String expectedRule,
      String expectedKnownIssue,
      String rule,
      String knownIssue,
      boolean probable,
      double confidence,
      boolean ruleOk,
      boolean knownIssueOk,
      boolean falseBlame) {}

  /** The targets the exit code checks. */
  record Targets(double knownIssueAccuracy, int falseBlames) {}

  /** The JSON document. */
  record Document(
      List<CaseRow> cases, Evaluation.Summary summary, Targets targets, boolean targetsMet) {}

  private EvalPrinter() {}

  static void json(Evaluation.Report report, PrintWriter out) {
    List<CaseRow> rows =
        report.outcomes().stream()
            .map(
                o ->
                    new CaseRow(
                        o.expected().id(),
                        o.expected().report(),
                        o.expected().lookAlike(),
                        o.expected().rule(),
                        o.expected().knownIssue(),
                        o.rule(),
                        o.knownIssue(),
                        o.probable(),
                        o.confidence(),
                        o.ruleOk(),
                        o.knownIssueOk(),
                        o.falseBlame()))
            .toList();
    IncidentPrinter.json(
        new Document(
            rows,
            report.summary(),
            new Targets(Evaluation.KNOWN_ISSUE_TARGET, 0),
            report.summary().targetsMet()),
        out);
  }

  static void human(Evaluation.Report report, PrintWriter out) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Evaluation.Outcome o : report.outcomes()) {
      rows.add(
          List.of(
              o.expected().id() + (o.expected().lookAlike() ? " (look-alike)" : ""),
              o.expected().report(),
              o.expected().rule(),
              o.expected().knownIssue(),
              o.rule() + (o.probable() ? " (probable)" : ""),
              o.knownIssue(),
              verdict(o)));
    }
    printTable(rows, out);
    Evaluation.Summary s = report.summary();
    out.println();
    out.printf(
        "%d case(s), %d look-alike(s); a healthy machine expects rule none.%n",
        s.cases(), s.lookAlikes());
    out.printf("top-1 rule accuracy:        %s%n", percent(s.ruleAccuracy()));
    out.printf(
        "top-1 known issue accuracy: %s (target >= %s)%n",
        percent(s.knownIssueAccuracy()), percent(Evaluation.KNOWN_ISSUE_TARGET));
    out.printf(
        "false blames of Resource Saver on look-alikes and healthy machines: %d (target 0)%n",
        s.falseBlames());
    out.printf(
        "probable: %d of the %d case(s) with an incident (%s)%n",
        s.probable(), s.withIncident(), percent(s.probableRate()));
    out.println(s.targetsMet() ? "targets met" : "targets missed");
  }

  /** {@code ok}, or {@code miss} with what was missed. */
  private static String verdict(Evaluation.Outcome o) {
    if (o.ok()) {
      return "ok";
    }
    List<String> missed = new ArrayList<>();
    if (!o.ruleOk()) {
      missed.add("rule");
    }
    if (!o.knownIssueOk()) {
      missed.add("issue");
    }
    if (o.falseBlame()) {
      missed.add("FALSE BLAME");
    }
    return "miss: " + String.join(", ", missed);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.2f", share);
  }

  private static void printTable(List<List<String>> rows, PrintWriter out) {
    int columns = HEADER.size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(c == 0 ? "" : "  ");
        line.append(c == columns - 1 ? row.get(c) : pad(row.get(c), widths[c]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
