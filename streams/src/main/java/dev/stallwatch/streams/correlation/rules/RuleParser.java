package dev.stallwatch.streams.correlation.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns the YAML tree of one rule file into rules, recording every problem with its key path. */
final class RuleParser {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** What a rule may ask of autoMemoryReclaim: a mode WSL knows, or that it is not set. */
  private static final Set<String> RECLAIM_VALUES =
      Stream.concat(HostContext.RECLAIM_MODES.stream(), Stream.of(ContextMatch.UNSET))
          .collect(Collectors.toUnmodifiableSet());

  private final Fields.Problems problems;

  RuleParser(Fields.Problems problems) {
    this.problems = problems;
  }

  List<Rule> parse(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      problems.add("", "must be a mapping with a 'rules' list");
      return List.of();
    }
    JsonNode list = root.get("rules");
    List<Rule> rules = new ArrayList<>();
    if (list == null || !list.isArray()) {
      problems.add("rules", "is required and must be a list of rules");
    } else {
      for (int i = 0; i < list.size(); i++) {
        problems.inRule(null);
        rule(list.get(i), "rules[" + i + "]", source).ifPresent(rules::add);
      }
    }
    problems.inRule(null);
    rejectUnknownTopLevel(root);
    return rules;
  }

  private void rejectUnknownTopLevel(JsonNode root) {
    root.fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals("rules")) {
                problems.add(name, "unknown key (a rule file has only 'rules')");
              }
            });
  }

  private Optional<Rule> rule(JsonNode node, String path, String source) {
    if (!node.isObject()) {
      problems.add(path, "must be a mapping (id, title, severity, signals, ...)");
      return Optional.empty();
    }
    Fields f = new Fields(node, path, problems);
    Optional<String> id = f.text("id", true).filter(text -> checkId(f, "id", text));
    id.ifPresent(problems::inRule);
    int before = problems.errors().size();
    Optional<String> title = f.text("title", true);
    Optional<Severity> severity =
        f.text("severity", true).flatMap(text -> f.parsed("severity", text, RuleParser::severity));
    boolean fallback = f.bool("fallback").orElse(false);
    Set<String> signals = signals(f);
    ContextMatch context = f.object("context").map(this::context).orElse(ContextMatch.ANY);
    ResourceSaverRelation relation =
        f.object("resourceSaver").map(this::relation).orElse(ResourceSaverRelation.NONE);
    SuspendRelation afterSuspend = f.object("afterSuspend").flatMap(this::suspend).orElse(null);
    Optional<Duration> persist = f.duration("persist");
    ConfidenceModel confidence = confidence(f.object("confidence"));
    ProbableCause probable =
        ProbableParser.parse(f, relation, confidence, this::context).orElse(null);
    Resolution resolve = resolution(f);
    List<KnownIssueRef> issues = knownIssues(f);
    Optional<String> remediation = f.text("remediation", true);
    List<String> inhibits = f.texts("inhibits", false).orElse(List.of());
    boolean setupRisk = f.bool("setupRisk").orElse(true);
    f.rejectUnknown();
    checkPersist(f, persist, signals);
    if (problems.errors().size() > before || id.isEmpty() || title.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Rule(
            id.get(),
            title.get().strip(),
            severity.orElseThrow(),
            fallback,
            signals,
            context,
            relation,
            afterSuspend,
            probable,
            persist.orElse(Duration.ZERO),
            confidence,
            resolve,
            issues,
            remediation.orElseThrow().strip(),
            inhibits,
            setupRisk,
            source));
  }

  private static boolean checkId(Fields f, String key, String text) {
    if (!ID.matcher(text).matches()) {
      f.error(key, "'" + text + "' is not an id (lower case letters, digits and '-')");
      return false;
    }
    return true;
  }

  private static Severity severity(String text) {
    try {
      return Severity.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown severity '" + text + "' (use info, warning or critical)");
    }
  }

  private Set<String> signals(Fields f) {
    Set<String> signals = new LinkedHashSet<>();
    List<String> listed = f.texts("signals", true).orElse(List.of());
    for (int i = 0; i < listed.size(); i++) {
      if (SignalKinds.isKnown(listed.get(i))) {
        signals.add(listed.get(i));
      } else {
        problems.add(
            f.path("signals") + "[" + i + "]",
            "unknown signal '%s' (known: %s, kernel_log:RULE)"
                .formatted(listed.get(i), String.join(", ", SignalKinds.NAMED)));
      }
    }
    if (f.has("signals") && listed.isEmpty()) {
      f.error("signals", "must name at least one signal");
    }
    return signals;
  }

  private ContextMatch context(Fields f) {
    Set<String> reclaim =
        f.texts("autoMemoryReclaim", false)
            .map(values -> checkedValues(f, "autoMemoryReclaim", values, RECLAIM_VALUES))
            .orElse(null);
    Set<CgroupLayout> layouts = f.texts("cgroupLayout", false).map(v -> layouts(f, v)).orElse(null);
    Boolean systemd = f.bool("systemd").orElse(null);
    Boolean saver = f.bool("resourceSaverEnabled").orElse(null);
    VersionRange dd =
        f.text("dockerDesktop", false)
            .flatMap(t -> f.parsed("dockerDesktop", t, VersionRange::parse))
            .orElse(null);
    VersionRange wsl =
        f.text("wsl", false).flatMap(t -> f.parsed("wsl", t, VersionRange::parse)).orElse(null);
    f.rejectUnknown();
    return new ContextMatch(reclaim, layouts, systemd, saver, dd, wsl);
  }

  private Set<String> checkedValues(
      Fields f, String key, List<String> values, Set<String> allowed) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i).toLowerCase(Locale.ROOT);
      if (allowed.contains(value)) {
        out.add(value);
      } else {
        problems.add(
            f.path(key) + "[" + i + "]",
            "unknown value '%s' (use %s)".formatted(values.get(i), String.join(", ", allowed)));
      }
    }
    return out;
  }

  private Set<CgroupLayout> layouts(Fields f, List<String> values) {
    Set<CgroupLayout> out = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      Optional<CgroupLayout> layout = layout(values.get(i));
      if (layout.isPresent()) {
        out.add(layout.get());
      } else {
        problems.add(
            f.path("cgroupLayout") + "[" + i + "]",
            "unknown layout '" + values.get(i) + "' (use v1, hybrid or v2)");
      }
    }
    return out;
  }

  private static Optional<CgroupLayout> layout(String text) {
    for (CgroupLayout layout : CgroupLayout.values()) {
      if (layout.wireName().equalsIgnoreCase(text.strip())) {
        return Optional.of(layout);
      }
    }
    return Optional.empty();
  }

  private ResourceSaverRelation relation(Fields f) {
    ResourceSaverRelation.State state =
        f.text("state", true)
            .flatMap(text -> f.parsed("state", text, RuleParser::state))
            .orElse(ResourceSaverRelation.State.ANY);
    Duration grace = f.duration("grace").orElse(Duration.ofSeconds(30));
    Duration defaultWindow =
        state == ResourceSaverRelation.State.EXITED ? Duration.ofMinutes(30) : Duration.ofHours(6);
    Duration window = f.duration("window").orElse(defaultWindow);
    f.rejectUnknown();
    return new ResourceSaverRelation(state, grace, window);
  }

  private Optional<SuspendRelation> suspend(Fields f) {
    Optional<Duration> within = f.duration("within");
    if (!f.has("within")) {
      f.error("within", "is required (how long after the resume a hang still counts)");
    }
    Duration grace = f.duration("grace").orElse(Duration.ofSeconds(30));
    f.rejectUnknown();
    return within.map(w -> new SuspendRelation(w, grace));
  }

  private static ResourceSaverRelation.State state(String text) {
    try {
      return ResourceSaverRelation.State.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown state '" + text + "' (use active, inactive, exited or any)");
    }
  }

  private ConfidenceModel confidence(Optional<Fields> maybe) {
    if (maybe.isEmpty()) {
      return new ConfidenceModel(0.5, null, null, null, 0);
    }
    Fields f = maybe.get();
    double base = f.number("base", 0, 1).orElse(0.5);
    ConfidenceModel model =
        new ConfidenceModel(
            base,
            f.object("onsetAfterEntry").flatMap(this::bonus).orElse(null),
            f.object("clearedAfterExit").flatMap(this::bonus).orElse(null),
            f.object("recentReclaim").flatMap(this::bonus).orElse(null),
            f.number("perAgreeingSignal", 0, 1).orElse(0.0));
    f.rejectUnknown();
    return model;
  }

  private Optional<ConfidenceModel.Bonus> bonus(Fields f) {
    Optional<Duration> within = f.duration("within");
    Optional<Double> add = f.number("add", 0, 1);
    if (!f.has("within")) {
      f.error("within", "is required");
    }
    if (!f.has("add")) {
      f.error("add", "is required");
    }
    f.rejectUnknown();
    return within.flatMap(w -> add.map(a -> new ConfidenceModel.Bonus(w, a)));
  }

  private Resolution resolution(Fields rule) {
    Optional<Fields> maybe = rule.object("resolve");
    if (maybe.isEmpty()) {
      return new Resolution(false, true, null, false);
    }
    Fields f = maybe.get();
    Resolution resolution =
        new Resolution(
            f.bool("onResourceSaverExit").orElse(false),
            f.bool("onSignalCleared").orElse(false),
            f.duration("quiet").orElse(null),
            f.bool("onContextMismatch").orElse(false));
    f.rejectUnknown();
    if (!resolution.onResourceSaverExit()
        && !resolution.onSignalCleared()
        && resolution.quiet() == null
        && !resolution.onContextMismatch()) {
      rule.error(
          "resolve",
          "nothing would ever resolve this rule's incidents (set onSignalCleared,"
              + " onResourceSaverExit, quiet or onContextMismatch)");
    }
    return resolution;
  }

  private List<KnownIssueRef> knownIssues(Fields f) {
    List<String> ids = f.texts("knownIssues", false).orElse(List.of());
    List<KnownIssueRef> refs = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      try {
        refs.add(KnownIssueRef.of(ids.get(i)));
      } catch (IllegalArgumentException e) {
        problems.add(f.path("knownIssues") + "[" + i + "]", e.getMessage());
      }
    }
    return refs;
  }

  private void checkPersist(Fields f, Optional<Duration> persist, Set<String> signals) {
    if (persist.isPresent() && signals.stream().noneMatch(SignalKinds.STATES::contains)) {
      f.error("persist", "only applies to state signals (engine_unreachable)");
    }
  }
}
