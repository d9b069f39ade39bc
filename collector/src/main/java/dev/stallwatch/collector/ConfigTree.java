package dev.stallwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stallwatch.model.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML document read for validation: every accessor names the file and the key path in its error
 * ({@code collector.yaml: docker.probeTimeout: expected a duration like 3s, got 'soon'}), and
 * unknown keys are errors, so a typo never silently does nothing.
 */
final class ConfigTree {

  /** Loaded on first use only: a collector without a YAML file never loads a YAML parser. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
  }

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB|GiB)?");

  private final String file;
  private final String path;
  private final JsonNode node;

  private ConfigTree(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /**
   * Parses YAML text, or JSON (which is YAML too, read without the YAML parser); an empty document
   * is an empty mapping.
   */
  static ConfigTree parse(String file, String text) throws ConfigException {
    JsonNode root;
    String start = text.stripLeading();
    boolean json = start.startsWith("{");
    try {
      root = json ? Json.mapper().readTree(text) : Yaml.MAPPER.readTree(text);
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
      throw new ConfigException(file + ": not valid " + (json ? "JSON" : "YAML") + ": " + reason);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = Json.mapper().createObjectNode();
    }
    ConfigTree tree = new ConfigTree(file, "", root);
    tree.requireMapping();
    return tree;
  }

  private String where(String key) {
    String full = path.isEmpty() ? key : path + "." + key;
    return file + ": " + full;
  }

  private void requireMapping() throws ConfigException {
    if (!node.isObject()) {
      throw new ConfigException(
          file + (path.isEmpty() ? "" : ": " + path) + ": expected a mapping");
    }
  }

  /** Fails on any key not in {@code known}. */
  void allowOnly(Set<String> known) throws ConfigException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new ConfigException(
            where(key) + ": unknown key (known: " + known.stream().sorted().toList() + ")");
      }
    }
  }

  boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  ConfigTree child(String key) throws ConfigException {
    ConfigTree child = new ConfigTree(file, path.isEmpty() ? key : path + "." + key, node.get(key));
    child.requireMapping();
    return child;
  }

  List<ConfigTree> list(String key) throws ConfigException {
    JsonNode value = node.get(key);
    if (!value.isArray()) {
      throw new ConfigException(where(key) + ": expected a list");
    }
    List<ConfigTree> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      ConfigTree item =
          new ConfigTree(
              file, (path.isEmpty() ? key : path + "." + key) + "[" + i + "]", value.get(i));
      item.requireMapping();
      out.add(item);
    }
    return out;
  }

  String text(String key) throws ConfigException {
    JsonNode value = node.get(key);
    if (value == null || !value.isValueNode() || value.isNull()) {
      throw new ConfigException(where(key) + ": expected a text value");
    }
    return value.asText();
  }

  List<String> texts(String key) throws ConfigException {
    JsonNode value = node.get(key);
    if (!value.isArray()) {
      throw new ConfigException(where(key) + ": expected a list of text values");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new ConfigException(where(key) + ": expected a list of text values");
      }
      out.add(item.asText());
    }
    return out;
  }

  int integer(String key, int min, int max) throws ConfigException {
    JsonNode value = node.get(key);
    if (value == null
        || !value.isIntegralNumber()
        || value.asLong() < min
        || value.asLong() > max) {
      throw new ConfigException(
          where(key) + ": expected a whole number from " + min + " to " + max + ", got " + value);
    }
    return value.asInt();
  }

  boolean bool(String key) throws ConfigException {
    JsonNode value = node.get(key);
    if (value == null || !value.isBoolean()) {
      throw new ConfigException(where(key) + ": expected true or false, got " + value);
    }
    return value.asBoolean();
  }

  Duration duration(String key) throws ConfigException {
    Matcher m = DURATION.matcher(text(key).strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new ConfigException(
          where(key)
              + ": expected a positive duration like 500ms, 5s, 2m or 1h, got '"
              + text(key)
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** The duration at {@code key}, or {@code fallback} when the key is not set. */
  Duration duration(String key, Duration fallback) throws ConfigException {
    return has(key) ? duration(key) : fallback;
  }

  long bytes(String key) throws ConfigException {
    Matcher m = SIZE.matcher(text(key).strip());
    if (!m.matches()) {
      throw new ConfigException(
          where(key) + ": expected a size like 64MiB, got '" + text(key) + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    return switch (unit) {
      case "KiB" -> n << 10;
      case "MiB" -> n << 20;
      case "GiB" -> n << 30;
      default -> n;
    };
  }

  /** An error naming the file and key path of this node's {@code key}. */
  ConfigException error(String key, String reason) {
    return new ConfigException(where(key) + ": " + reason);
  }
}
