package dev.stallwatch.streams.correlation.rules;

/**
 * One problem in a rule file.
 *
 * @param path the key path inside the file, e.g. {@code rules[3].resourceSaver.window}
 * @param rule the id of the rule it is in, null when unknown or outside any rule
 */
public record RuleError(String file, String path, String rule, String message) {

  @Override
  public String toString() {
    String where = path.isEmpty() ? file : file + ": " + path;
    String which = rule == null ? "" : " (rule '" + rule + "')";
    return where + ": " + message + which;
  }
}
