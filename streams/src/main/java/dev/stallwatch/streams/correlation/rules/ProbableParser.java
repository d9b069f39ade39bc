package dev.stallwatch.streams.correlation.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a rule's {@code probable} block and checks what no schema can: that it stands in for a
 * Resource Saver relation, is less sure than the rule itself, and always has a line to show.
 */
final class ProbableParser {

  private static final String LACKS =
      Arrays.stream(ProbableCause.Lack.values())
          .map(ProbableCause.Lack::key)
          .collect(Collectors.joining(", "));

  static final Duration DEFAULT_QUIET = Duration.ofMinutes(15);

  private ProbableParser() {}

  /**
   * @param context reads a context mapping as the rule's own {@code context} is read
   */
  static Optional<ProbableCause> parse(
      Fields rule,
      ResourceSaverRelation relation,
      ConfidenceModel confidence,
      Function<Fields, ContextMatch> context) {
    Optional<Fields> maybe = rule.object("probable");
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    Fields f = maybe.get();
    if (relation.state() != ResourceSaverRelation.State.ACTIVE
        && relation.state() != ResourceSaverRelation.State.EXITED) {
      rule.error(
          "probable",
          "only applies to a rule with resourceSaver state active or exited: it stands in for"
              + " the Resource Saver transition that was not seen");
    }
    Optional<Double> sure = f.number("confidence", 0, 1);
    if (!f.has("confidence")) {
      f.error("confidence", "is required");
    }
    sure.filter(c -> c >= confidence.base())
        .ifPresent(
            c ->
                f.error(
                    "confidence",
                    "must be lower than the rule's confidence.base (%s): a cause inferred from the"
                            .formatted(confidence.base())
                        + " host's context is less sure than one its evidence shows"));
    ContextMatch requires = f.object("requires").map(context).orElse(ContextMatch.ANY);
    List<ProbableCause.Missing> missing = missing(f);
    Duration quiet = f.duration("quiet").orElse(DEFAULT_QUIET);
    f.rejectUnknown();
    return sure.map(c -> new ProbableCause(c, requires, missing, quiet));
  }

  private static List<ProbableCause.Missing> missing(Fields f) {
    List<Fields> items = f.objects("missing", true).orElse(List.of());
    if (f.has("missing") && items.isEmpty()) {
      f.error("missing", "must list at least one line of missing evidence");
    }
    List<ProbableCause.Missing> lines = new ArrayList<>();
    Set<ProbableCause.Lack> seen = EnumSet.noneOf(ProbableCause.Lack.class);
    for (Fields item : items) {
      Optional<ProbableCause.Lack> when =
          item.text("when", true).flatMap(text -> item.parsed("when", text, ProbableParser::lack));
      Optional<String> text = item.text("text", true);
      item.rejectUnknown();
      when.filter(w -> !seen.add(w))
          .ifPresent(w -> item.error("when", "'" + w.key() + "' is listed twice"));
      if (when.isPresent() && text.isPresent()) {
        lines.add(new ProbableCause.Missing(when.get(), text.get().strip()));
      }
    }
    if (!lines.isEmpty() && !seen.contains(ProbableCause.Lack.OTHERWISE)) {
      f.error(
          "missing",
          "needs a line with 'when: otherwise', shown when the host lacks none of the others");
    }
    return lines;
  }

  private static ProbableCause.Lack lack(String text) {
    for (ProbableCause.Lack lack : ProbableCause.Lack.values()) {
      if (lack.key().equalsIgnoreCase(text.strip())) {
        return lack;
      }
    }
    throw new IllegalArgumentException("unknown condition '" + text + "' (use " + LACKS + ")");
  }
}
