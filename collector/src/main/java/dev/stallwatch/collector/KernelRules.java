package dev.stallwatch.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Loads kernel log rules from YAML, validating every rule at load. */
final class KernelRules {

  static final String SHIPPED_RESOURCE = "kernel-rules.json";

  private static final List<KernelRule> SHIPPED = loadShipped();

  private KernelRules() {}

  /** The rules in the collector's {@code kernel-rules.json}. */
  static List<KernelRule> shipped() {
    return SHIPPED;
  }

  private static List<KernelRule> loadShipped() {
    try (InputStream in = KernelRules.class.getResourceAsStream(SHIPPED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the collector jar lacks " + SHIPPED_RESOURCE);
      }
      return parse(SHIPPED_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigException e) {
      throw new IllegalStateException("the shipped kernel rules are invalid: " + e.getMessage(), e);
    }
  }

  static List<KernelRule> load(Path file) throws ConfigException {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("cannot read kernel rules " + file + ": " + e);
    }
  }

  /**
   * @throws ConfigException naming the file, the rule and the key that is wrong
   */
  static List<KernelRule> parse(String name, String yaml) throws ConfigException {
    ConfigTree root = ConfigTree.parse(name, yaml);
    root.allowOnly(Set.of("rules"));
    if (!root.has("rules")) {
      throw root.error("rules", "missing: the file must list its rules");
    }
    List<KernelRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<ConfigTree> items = root.list("rules");
    for (int i = 0; i < items.size(); i++) {
      ConfigTree item = items.get(i);
      item.allowOnly(Set.of("id", "kind", "pattern", "partial"));
      String id = item.text("id");
      KernelRule.Kind kind;
      try {
        kind = KernelRule.Kind.valueOf(item.text("kind").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw item.error(
            "kind", "'" + item.text("kind") + "' is not one of HUNG_TASK, KERNEL_LOG, RECLAIM");
      }
      try {
        rules.add(
            KernelRule.of(
                id, kind, item.text("pattern"), item.has("partial") ? item.text("partial") : null));
      } catch (IllegalArgumentException e) {
        throw item.error("pattern", e.getMessage());
      }
      if (!ids.add(id)) {
        throw item.error("id", "'" + id + "' is used by an earlier rule");
      }
    }
    return List.copyOf(rules);
  }
}
