package dev.stallwatch.streams.correlation.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rules in force, in the order they are tried; the fallback rule comes last. The shipped rules
 * live in the jar ({@value #SHIPPED}); a rules directory adds rules and replaces shipped ones with
 * the same id. Rules from the directory are tried before the shipped ones.
 */
public final class RuleBook {

  public static final String SHIPPED = "dev/stallwatch/streams/rules/stallwatch-rules.yaml";
  private static final String SHIPPED_NAME = "shipped:" + SHIPPED;

  private static final ObjectMapper YAML =
      YAMLMapper.builder(new YAMLFactory())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final List<Rule> rules;
  private final Map<String, Rule> byId = new LinkedHashMap<>();

  private RuleBook(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    rules.forEach(rule -> byId.put(rule.id(), rule));
  }

  /** Exactly these rules, in this order (the fallback is moved last). */
  public static RuleBook of(List<Rule> rules) throws InvalidRulesException {
    return validated(rules, List.of());
  }

  /**
   * The shipped rules. They are tested as shipped, so a failure here is a build defect.
   *
   * @throws IllegalStateException if the jar's own rules do not load
   */
  public static RuleBook shipped() {
    try {
      return validated(readShipped(new ArrayList<>()), List.of());
    } catch (InvalidRulesException e) {
      throw new IllegalStateException("the shipped rules are invalid:\n" + e.getMessage(), e);
    }
  }

  /**
   * The shipped rules overridden by every {@code *.yaml} / {@code *.yml} file under {@code path}
   * (or by that one file).
   *
   * @throws InvalidRulesException naming file, rule and key of every problem found
   * @throws IOException if the path cannot be read
   */
  public static RuleBook load(Path path) throws InvalidRulesException, IOException {
    List<RuleError> errors = new ArrayList<>();
    List<Rule> shipped = readShipped(errors);
    List<Rule> overrides = new ArrayList<>();
    for (Path file : ruleFiles(path)) {
      overrides.addAll(read(file.toString(), Files.readAllBytes(file), errors));
    }
    checkDuplicates(overrides, errors);
    List<Rule> merged = new ArrayList<>();
    List<String> overridden = overrides.stream().map(Rule::id).toList();
    merged.addAll(overrides);
    shipped.stream().filter(rule -> !overridden.contains(rule.id())).forEach(merged::add);
    return validated(merged, errors);
  }

  public List<Rule> rules() {
    return rules;
  }

  public Optional<Rule> rule(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The rule that explains hangs no other rule does. */
  public Rule fallback() {
    return rules.getLast();
  }

  private static List<Path> ruleFiles(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException("no such file or directory: " + path);
    }
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    try (Stream<Path> files = Files.list(path)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  private static List<Rule> readShipped(List<RuleError> errors) {
    try (InputStream in = RuleBook.class.getClassLoader().getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException("the shipped rules are missing from the jar: " + SHIPPED);
      }
      List<Rule> rules = read(SHIPPED_NAME, in.readAllBytes(), errors);
      checkDuplicates(rules, errors);
      return rules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Rule> read(String file, byte[] content, List<RuleError> errors) {
    Fields.Problems problems = new Fields.Problems(file);
    List<Rule> rules;
    try {
      JsonNode root = YAML.readTree(content);
      rules = new RuleParser(problems).parse(root, file);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String where =
          location == null
              ? ""
              : " at line %d, column %d".formatted(location.getLineNr(), location.getColumnNr());
      problems.add("", "not valid YAML" + where + ": " + e.getOriginalMessage());
      rules = List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    errors.addAll(problems.errors());
    return rules;
  }

  private static void checkDuplicates(List<Rule> rules, List<RuleError> errors) {
    Map<String, Rule> seen = new LinkedHashMap<>();
    for (Rule rule : rules) {
      Rule earlier = seen.putIfAbsent(rule.id(), rule);
      if (earlier != null) {
        errors.add(
            new RuleError(
                rule.source(),
                "",
                rule.id(),
                "id defined twice: " + rule.id() + " (also in " + earlier.source() + ")"));
      }
    }
  }

  private static RuleBook validated(List<Rule> rules, List<RuleError> earlier)
      throws InvalidRulesException {
    List<RuleError> errors = new ArrayList<>(earlier);
    List<Rule> fallbacks = rules.stream().filter(Rule::fallback).toList();
    if (fallbacks.size() != 1 && errors.isEmpty()) {
      errors.add(
          new RuleError(
              fallbacks.isEmpty() ? "rules" : fallbacks.get(1).source(),
              "",
              fallbacks.isEmpty() ? null : fallbacks.get(1).id(),
              "exactly one rule must have 'fallback: true', found " + fallbacks.size()));
    }
    List<String> ids = rules.stream().map(Rule::id).toList();
    for (Rule rule : rules) {
      for (String inhibited : rule.inhibits()) {
        if (!ids.contains(inhibited)) {
          errors.add(
              new RuleError(
                  rule.source(), "inhibits", rule.id(), "no rule with id '" + inhibited + "'"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRulesException(errors);
    }
    List<Rule> ordered = new ArrayList<>(rules.stream().filter(r -> !r.fallback()).toList());
    ordered.add(fallbacks.getFirst());
    return new RuleBook(ordered);
  }
}
