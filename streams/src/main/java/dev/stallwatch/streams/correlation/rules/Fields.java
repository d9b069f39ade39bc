package dev.stallwatch.streams.correlation.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the keys of one YAML mapping, recording a {@link RuleError} with the key's path for each
 * problem instead of stopping at the first, and rejecting keys nobody asked for.
 */
final class Fields {

  private final JsonNode node;
  private final String path;
  private final Problems problems;
  private final Set<String> read = new LinkedHashSet<>();

  /** Where problems of one file go, tagged with the rule being read. */
  static final class Problems {
    private final String file;
    private final List<RuleError> errors = new ArrayList<>();
    private String rule;

    Problems(String file) {
      this.file = file;
    }

    void inRule(String ruleId) {
      this.rule = ruleId;
    }

    void add(String path, String message) {
      errors.add(new RuleError(file, path, rule, message));
    }

    List<RuleError> errors() {
      return List.copyOf(errors);
    }
  }

  Fields(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void error(String key, String message) {
    problems.add(path(key), message);
  }

  boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  Optional<String> text(String key, boolean required) {
    return value(key, required, JsonNode::isTextual, "a text", JsonNode::asText)
        .filter(
            text -> {
              if (text.isBlank()) {
                error(key, "must not be empty");
                return false;
              }
              return true;
            });
  }

  Optional<Boolean> bool(String key) {
    return value(key, false, JsonNode::isBoolean, "true or false", JsonNode::asBoolean);
  }

  Optional<Double> number(String key, double min, double max) {
    return value(key, false, JsonNode::isNumber, "a number", JsonNode::asDouble)
        .filter(
            n -> {
              if (n < min || n > max) {
                error(key, "must be between %s and %s, was %s".formatted(min, max, n));
                return false;
              }
              return true;
            });
  }

  Optional<Duration> duration(String key) {
    return text(key, false).flatMap(text -> parsed(key, text, Durations::parse));
  }

  <T> Optional<T> parsed(String key, String text, Function<String, T> parser) {
    try {
      return Optional.of(parser.apply(text));
    } catch (IllegalArgumentException e) {
      error(key, e.getMessage());
      return Optional.empty();
    }
  }

  /** A list of texts; a single text is taken as a list of one. */
  Optional<List<String>> texts(String key, boolean required) {
    read.add(key);
    if (!has(key)) {
      if (required) {
        error(key, "is required");
      }
      return Optional.empty();
    }
    JsonNode value = node.get(key);
    if (value.isTextual()) {
      return Optional.of(List.of(value.asText()));
    }
    if (!value.isArray()) {
      error(key, "must be a list of texts");
      return Optional.empty();
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual() || value.get(i).asText().isBlank()) {
        problems.add(path(key) + "[" + i + "]", "must be a text");
      } else {
        texts.add(value.get(i).asText().strip());
      }
    }
    return Optional.of(texts);
  }

  /** A list of mappings, each read with its index in the path ({@code missing[1].text}). */
  Optional<List<Fields>> objects(String key, boolean required) {
    read.add(key);
    if (!has(key)) {
      if (required) {
        error(key, "is required");
      }
      return Optional.empty();
    }
    JsonNode value = node.get(key);
    if (!value.isArray()) {
      error(key, "must be a list of mappings");
      return Optional.empty();
    }
    List<Fields> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String itemPath = path(key) + "[" + i + "]";
      if (value.get(i).isObject()) {
        items.add(new Fields(value.get(i), itemPath, problems));
      } else {
        problems.add(itemPath, "must be a mapping");
      }
    }
    return Optional.of(items);
  }

  Optional<Fields> object(String key) {
    read.add(key);
    if (!has(key)) {
      return Optional.empty();
    }
    if (!node.get(key).isObject()) {
      error(key, "must be a mapping of keys to values");
      return Optional.empty();
    }
    return Optional.of(new Fields(node.get(key), path(key), problems));
  }

  /** Records an error for every key that was not read. */
  void rejectUnknown() {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!read.contains(name)) {
                problems.add(
                    path(name), "unknown key (known here: " + String.join(", ", read) + ")");
              }
            });
  }

  private <T> Optional<T> value(
      String key,
      boolean required,
      java.util.function.Predicate<JsonNode> kind,
      String expected,
      Function<JsonNode, T> read) {
    this.read.add(key);
    if (!has(key)) {
      if (required) {
        error(key, "is required");
      }
      return Optional.empty();
    }
    JsonNode value = node.get(key);
    if (!kind.test(value)) {
      error(key, "must be " + expected + ", was " + describe(value));
      return Optional.empty();
    }
    return Optional.of(read.apply(value));
  }

  private static String describe(JsonNode value) {
    String text = value.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
