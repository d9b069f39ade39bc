package dev.stallwatch.app.diagnose;

import dev.stallwatch.collector.CollectorConfig;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs diagnose over evaluation cases and scores what it concluded against what each case's report
 * shows: the rule, the first known issue, and whether Resource Saver was blamed where it must not
 * be.
 */
public final class Evaluation {

  /** The top-1 known issue accuracy the evaluation must reach. */
  public static final double KNOWN_ISSUE_TARGET = 0.9;

  /** Rules that put the hang on Docker Desktop's Resource Saver or pause. */
  private static final Set<String> RESOURCE_SAVER_RULES =
      Set.of("docker-paused", "docker-cli-vanished");

  private final RuleBook rules;
  private final CollectorConfig config;

  public Evaluation(RuleBook rules, CollectorConfig config) {
    this.rules = rules;
    this.config = config;
  }

  /**
   * What diagnose concluded for one case.
   *
   * @param rule the chosen incident's rule, or {@value EvalManifest#NONE}
   * @param knownIssue the first known issue it names, or {@value EvalManifest#NONE}
   * @param probable whether the chosen incident is a probable cause, inferred from context
   * @param incidents how many incidents the capture gave
   * @param problems how many of its files or lines could not be read
   */
  public record Outcome(
      EvalManifest.Case expected,
      String rule,
      String knownIssue,
      boolean probable,
      double confidence,
      int incidents,
      int problems) {

    public boolean ruleOk() {
      return expected.rule().equals(rule);
    }

    public boolean knownIssueOk() {
      return expected.knownIssue().equals(knownIssue);
    }

    public boolean ok() {
      return ruleOk() && knownIssueOk();
    }

    /** Resource Saver blamed for a look-alike or a healthy machine. */
    public boolean falseBlame() {
      return expected.innocent() && blamesResourceSaver(rule);
    }
  }

  /**
   * The scores over all cases.
   *
   * @param withIncident cases where diagnose found an incident
   * @param probable cases whose chosen incident is a probable cause, inferred from context
   * @param probableRate {@code probable} over {@code withIncident}
   */
  public record Summary(
      int cases,
      int lookAlikes,
      double ruleAccuracy,
      double knownIssueAccuracy,
      int falseBlames,
      int withIncident,
      int probable,
      double probableRate) {

    /** Top-1 known issue accuracy at least {@link #KNOWN_ISSUE_TARGET} and no false blame. */
    public boolean targetsMet() {
      return knownIssueAccuracy >= KNOWN_ISSUE_TARGET && falseBlames == 0;
    }
  }

  /** The outcomes, in the cases' order, and their summary. */
  public record Report(List<Outcome> outcomes, Summary summary) {}

  public Report run(List<EvalCases.Located> cases) {
    List<Outcome> outcomes = new ArrayList<>();
    for (EvalCases.Located located : cases) {
      Diagnosis diagnosis = new Diagnoser(located.dir(), rules, config).diagnose();
      outcomes.add(outcome(located.meta(), diagnosis));
    }
    return new Report(outcomes, summarize(outcomes));
  }

  /**
   * The incident a person would read first: the most severe, then the most confident, then the
   * earliest.
   */
  static Optional<Incident> chosen(List<Incident> incidents) {
    return incidents.stream()
        .min(
            Comparator.comparing((Incident i) -> i.severity().ordinal())
                .reversed()
                .thenComparing(Comparator.comparingDouble(Incident::confidence).reversed())
                .thenComparing(Incident::onset));
  }

  static boolean blamesResourceSaver(String rule) {
    return rule.startsWith("resource-saver-") || RESOURCE_SAVER_RULES.contains(rule);
  }

  private static Outcome outcome(EvalManifest.Case expected, Diagnosis diagnosis) {
    Optional<Incident> chosen = chosen(diagnosis.incidents());
    return new Outcome(
        expected,
        chosen.map(Incident::rule).orElse(EvalManifest.NONE),
        chosen
            .flatMap(i -> i.knownIssues().stream().findFirst())
            .map(KnownIssueRef::id)
            .orElse(EvalManifest.NONE),
        chosen.map(Incident::probable).orElse(false),
        chosen.map(Incident::confidence).orElse(0.0),
        diagnosis.incidents().size(),
        diagnosis.problems().size());
  }

  private static Summary summarize(List<Outcome> outcomes) {
    int n = outcomes.size();
    long withIncident = outcomes.stream().filter(o -> !o.rule().equals(EvalManifest.NONE)).count();
    int probable = (int) outcomes.stream().filter(Outcome::probable).count();
    return new Summary(
        n,
        (int) outcomes.stream().filter(o -> o.expected().lookAlike()).count(),
        share(outcomes.stream().filter(Outcome::ruleOk).count(), n),
        share(outcomes.stream().filter(Outcome::knownIssueOk).count(), n),
        (int) outcomes.stream().filter(Outcome::falseBlame).count(),
        (int) withIncident,
        probable,
        share(probable, withIncident));
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
