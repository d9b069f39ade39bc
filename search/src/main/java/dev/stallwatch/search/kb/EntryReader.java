package dev.stallwatch.search.kb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.HostContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one knowledge base entry from its parsed YAML or JSON tree, checking every field. Each
 * error names the field and what to change; {@link KnowledgeBase} adds the file and the entry.
 */
final class EntryReader {

  static final Pattern ID = Pattern.compile("([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)#([1-9][0-9]*)");
  private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "url",
          "title",
          "status",
          "opened",
          "symptoms",
          "errors",
          "conditions",
          "versions",
          "cause",
          "causeConfirmed",
          "workarounds",
          "related",
          "reviewed");
  private static final Set<String> STATUSES = Set.of("open", "closed", "fixed");
  private static final Set<String> CGROUP_LAYOUTS = Set.of("v1", "hybrid", "v2");
  private static final Set<String> CONDITION_FIELDS =
      Set.of("reclaim", "cgroup", "systemd", "resourceSaver");
  private static final Set<String> VERSION_FIELDS =
      Set.of(
          "reportedOn",
          "affectedFrom",
          "fixedIn",
          "fixNote",
          "fixConfirmed",
          "reported",
          "from",
          "fixed");

  /** A version field's name before fixes got notes, to its name now; files may use either. */
  private static final Map<String, String> FORMER_VERSION_FIELDS =
      Map.of("reported", "reportedOn", "from", "affectedFrom", "fixed", "fixedIn");

  static final int MAX_TITLE = 200;
  static final int MAX_TEXT = 4000;

  /** A field that failed its check; the message starts with the field's path. */
  static final class InvalidField extends RuntimeException {
    InvalidField(String path, String problem) {
      super(path + ": " + problem);
    }
  }

  private EntryReader() {}

  static KnowledgeEntry read(JsonNode node, String source) {
    if (!node.isObject()) {
      throw new InvalidField("entry", "must be a mapping of fields");
    }
    unknownFields(node, FIELDS, "");
    String id = required(node, "id");
    var idMatch = ID.matcher(id);
    if (!idMatch.matches()) {
      throw new InvalidField("id", "must look like owner/repo#123, was '" + id + "'");
    }
    String url = required(node, "url");
    String expected =
        "https://github.com/%s/%s/issues/%s"
            .formatted(idMatch.group(1), idMatch.group(2), idMatch.group(3));
    if (url.contains("/pull/")) {
      throw new InvalidField(
          "url", "is a pull request; a known issue must be an issue, at " + expected);
    }
    if (!url.equals(expected)) {
      throw new InvalidField("url", "must be " + expected);
    }
    String title = required(node, "title");
    if (title.length() > MAX_TITLE) {
      throw new InvalidField("title", "is longer than " + MAX_TITLE + " characters");
    }
    String status = oneOf(required(node, "status"), STATUSES, "status");
    String opened = optional(node, "opened");
    if (opened != null && !DATE.matcher(opened).matches()) {
      throw new InvalidField("opened", "must be YYYY, YYYY-MM or YYYY-MM-DD, was '" + opened + "'");
    }
    List<String> symptoms = strings(node, "symptoms");
    if (symptoms.isEmpty()) {
      throw new InvalidField("symptoms", "needs at least one symptom");
    }
    List<String> related = strings(node, "related");
    for (int i = 0; i < related.size(); i++) {
      if (!ID.matcher(related.get(i)).matches()) {
        throw new InvalidField("related[" + i + "]", "must look like owner/repo#123");
      }
    }
    return new KnowledgeEntry(
        id,
        url,
        title,
        status,
        opened,
        symptoms,
        strings(node, "errors"),
        conditions(node.get("conditions")),
        versions(node.get("versions")),
        required(node, "cause"),
        bool(node, "causeConfirmed", "causeConfirmed", true),
        strings(node, "workarounds"),
        related,
        source,
        reviewed(node, source));
  }

  /** Shipped entries were reviewed; imported ones were not, unless the file says otherwise. */
  private static boolean reviewed(JsonNode node, String source) {
    Boolean reviewed = optionalBool(node, "reviewed", "reviewed");
    return reviewed != null ? reviewed : KnowledgeEntry.SHIPPED.equals(source);
  }

  private static KnowledgeEntry.Conditions conditions(JsonNode node) {
    if (node == null || node.isNull()) {
      return KnowledgeEntry.Conditions.NONE;
    }
    if (!node.isObject()) {
      throw new InvalidField("conditions", "must be a mapping");
    }
    unknownFields(node, CONDITION_FIELDS, "conditions.");
    List<String> reclaim = strings(node, "reclaim", "conditions.reclaim");
    reclaim.forEach(mode -> oneOf(mode, HostContext.RECLAIM_MODES, "conditions.reclaim"));
    List<String> cgroup = strings(node, "cgroup", "conditions.cgroup");
    cgroup.forEach(layout -> oneOf(layout, CGROUP_LAYOUTS, "conditions.cgroup"));
    return new KnowledgeEntry.Conditions(
        reclaim,
        cgroup,
        optionalBool(node, "systemd", "conditions.systemd"),
        optionalBool(node, "resourceSaver", "conditions.resourceSaver"));
  }

  private static Map<Product, KnowledgeEntry.ProductVersions> versions(JsonNode node) {
    Map<Product, KnowledgeEntry.ProductVersions> out = new EnumMap<>(Product.class);
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new InvalidField("versions", "must be a mapping of product to versions");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      Product product =
          Product.ofKey(name)
              .orElseThrow(
                  () ->
                      new InvalidField(
                          "versions." + name,
                          "unknown product; use wsl, dockerDesktop, kernel or windows"));
      out.put(product, productVersions(node.get(name), "versions." + name));
    }
    return out;
  }

  private static KnowledgeEntry.ProductVersions productVersions(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new InvalidField(path, "must be a mapping with reportedOn, affectedFrom and fixedIn");
    }
    unknownFields(node, VERSION_FIELDS, path + ".");
    FORMER_VERSION_FIELDS.forEach(
        (former, current) -> {
          if (node.has(former) && node.has(current)) {
            throw new InvalidField(
                path + "." + former, "is the former name of " + current + "; give only one");
          }
        });
    String reportedField = node.has("reported") ? "reported" : "reportedOn";
    String fromField = node.has("from") ? "from" : "affectedFrom";
    String fixedField = node.has("fixed") ? "fixed" : "fixedIn";
    List<String> reported = strings(node, reportedField, path + "." + reportedField);
    reported.forEach(v -> version(v, path + "." + reportedField));
    String from = versionField(node, fromField, path);
    String fixed = versionField(node, fixedField, path);
    String fixNote = optional(node, "fixNote", path + ".fixNote");
    Boolean fixConfirmed = optionalBool(node, "fixConfirmed", path + ".fixConfirmed");
    if (fixed == null && (fixNote != null || fixConfirmed != null)) {
      throw new InvalidField(
          path + (fixNote != null ? ".fixNote" : ".fixConfirmed"),
          "says something about a fix, but fixedIn names no version");
    }
    if (reported.isEmpty() && from == null && fixed == null) {
      throw new InvalidField(path, "names no version; give reportedOn, affectedFrom or fixedIn");
    }
    return new KnowledgeEntry.ProductVersions(reported, from, fixed, fixNote, fixConfirmed);
  }

  private static String versionField(JsonNode node, String field, String path) {
    return version(optional(node, field, path + "." + field), path + "." + field);
  }

  private static String version(String value, String path) {
    if (value != null && !Version.isVersion(value)) {
      throw new InvalidField(path, "'" + value + "' is not a version like 4.43.0");
    }
    return value;
  }

  private static void unknownFields(JsonNode node, Set<String> known, String prefix) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidField(prefix + name, "unknown field");
      }
    }
  }

  private static String oneOf(String value, Set<String> allowed, String path) {
    if (!allowed.contains(value)) {
      throw new InvalidField(
          path,
          "'%s' must be one of %s"
              .formatted(value, String.join(", ", allowed.stream().sorted().toList())));
    }
    return value;
  }

  private static String required(JsonNode node, String field) {
    String value = optional(node, field);
    if (value == null || value.isBlank()) {
      throw new InvalidField(field, "is required");
    }
    return value;
  }

  private static String optional(JsonNode node, String field) {
    return optional(node, field, field);
  }

  private static String optional(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode() || value.isBoolean()) {
      throw new InvalidField(path, "must be text");
    }
    String text = value.asText().strip();
    if (text.length() > MAX_TEXT) {
      throw new InvalidField(path, "is longer than " + MAX_TEXT + " characters");
    }
    return text;
  }

  private static List<String> strings(JsonNode node, String field) {
    return strings(node, field, field);
  }

  private static List<String> strings(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new InvalidField(path, "must be a list");
    }
    List<String> out = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemPath = path + "[" + i + "]";
      if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
        throw new InvalidField(itemPath, "must be non-empty text");
      }
      if (item.asText().length() > MAX_TEXT) {
        throw new InvalidField(itemPath, "is longer than " + MAX_TEXT + " characters");
      }
      out.add(item.asText().strip());
    }
    return out;
  }

  private static boolean bool(JsonNode node, String field, String path, boolean required) {
    Boolean value = optionalBool(node, field, path);
    if (value == null) {
      if (required) {
        throw new InvalidField(path, "is required (true or false)");
      }
      return false;
    }
    return value;
  }

  private static Boolean optionalBool(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw new InvalidField(path, "must be true or false");
    }
    return value.booleanValue();
  }
}
