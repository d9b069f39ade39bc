package dev.stallwatch.search.kb;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns GitHub REST API issue JSON ({@code GET /repos/OWNER/REPO/issues/N}, one object or an array
 * of them) into knowledge base entries, so a team can add the issues it cares about. An imported
 * entry keeps the issue's title, state and first paragraphs as symptoms, and the error lines quoted
 * in code; it is marked unreviewed, and its cause says plainly that nobody reviewed it. Pull
 * requests, which the issues API lists too, are refused.
 */
public final class GitHubIssues {

  static final String UNREVIEWED_CAUSE =
      "Not reviewed: imported from the GitHub issue as it was filed; read the issue for the cause.";
  private static final Pattern HTML_URL =
      Pattern.compile(
          "https://github\\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)/(?:issues|pull)/(\\d+)");
  private static final Pattern API_REPO =
      Pattern.compile("https://api\\.github\\.com/repos/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)");
  private static final Pattern ERROR_LINE =
      Pattern.compile(
          "(?i).*(error|fail|wsl/|0x[0-9a-f]{6,}|cannot|could not|not found|timeout|blocked).*");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]{3,300})`");
  private static final int MAX_SYMPTOM_CHARS = 600;
  private static final int MAX_ERRORS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private GitHubIssues() {}

  /**
   * The entries for the issues in {@code in}.
   *
   * @param name the file's name, for error messages
   * @throws KnowledgeBaseException if the JSON is broken or an issue lacks what an entry needs; the
   *     message names the issue (its position and number) and the field
   */
  public static List<KnowledgeEntry> read(InputStream in, String name) {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JacksonException e) {
      var where = e.getLocation();
      String at =
          where == null
              ? ""
              : " at line %d, column %d".formatted(where.getLineNr(), where.getColumnNr());
      throw new KnowledgeBaseException(
          "%s: not valid JSON%s: %s".formatted(name, at, e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    if (root == null || !(root.isObject() || root.isArray())) {
      throw new KnowledgeBaseException(
          name + ": expected a GitHub issue object or an array of them");
    }
    List<JsonNode> issues = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(issues::add);
    } else {
      issues.add(root);
    }
    List<KnowledgeEntry> entries = new ArrayList<>();
    for (int i = 0; i < issues.size(); i++) {
      JsonNode issue = issues.get(i);
      String label = "%s: issue %d%s".formatted(name, i + 1, numberOf(issue));
      try {
        entries.add(EntryReader.read(JSON.valueToTree(toTree(issue)), KnowledgeEntry.IMPORTED));
      } catch (EntryReader.InvalidField e) {
        throw new KnowledgeBaseException(label + ": " + e.getMessage(), e);
      }
    }
    return entries;
  }

  private static Map<String, Object> toTree(JsonNode issue) {
    if (!issue.isObject()) {
      throw new EntryReader.InvalidField("issue", "must be a JSON object");
    }
    if (issue.hasNonNull("pull_request") || issue.path("html_url").asText("").contains("/pull/")) {
      // The issues API lists pull requests too; a proposed change is not a known fault.
      throw new EntryReader.InvalidField(
          "pull_request",
          "this is a pull request, not an issue; leave pull requests out of the file"
              + " (e.g. jq 'map(select(.pull_request == null))')");
    }
    String[] ownerRepoNumber = coordinates(issue);
    String id = "%s/%s#%s".formatted((Object[]) ownerRepoNumber);
    String title = issue.path("title").asText("").strip();
    String body = issue.path("body").asText("");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("url", "https://github.com/%s/%s/issues/%s".formatted((Object[]) ownerRepoNumber));
    out.put(
        "title", title.length() > EntryReader.MAX_TITLE ? title.substring(0, 197) + "..." : title);
    out.put("status", "closed".equals(issue.path("state").asText()) ? "closed" : "open");
    String created = issue.path("created_at").asText("");
    if (created.length() >= 10) {
      out.put("opened", created.substring(0, 10));
    }
    out.put("symptoms", List.of(symptom(body, title)));
    out.put("errors", errorLines(body));
    out.put("cause", UNREVIEWED_CAUSE);
    out.put("causeConfirmed", false);
    return out;
  }

  private static String[] coordinates(JsonNode issue) {
    Matcher html = HTML_URL.matcher(issue.path("html_url").asText(""));
    if (html.matches()) {
      return new String[] {html.group(1), html.group(2), html.group(3)};
    }
    Matcher repo = API_REPO.matcher(issue.path("repository_url").asText(""));
    JsonNode number = issue.get("number");
    if (repo.matches() && number != null && number.canConvertToLong() && number.asLong() > 0) {
      return new String[] {repo.group(1), repo.group(2), String.valueOf(number.asLong())};
    }
    throw new EntryReader.InvalidField(
        "html_url", "is missing: the issue needs html_url, or repository_url and number");
  }

  /** The first paragraphs of the body, without Markdown headings, quotes and code. */
  private static String symptom(String body, String title) {
    StringBuilder text = new StringBuilder();
    boolean inCode = false;
    for (String line : body.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      if (inCode
          || trimmed.isEmpty()
          || trimmed.startsWith("#")
          || trimmed.startsWith(">")
          || trimmed.startsWith("<!--")) {
        continue;
      }
      text.append(text.isEmpty() ? "" : " ").append(trimmed);
      if (text.length() >= MAX_SYMPTOM_CHARS) {
        break;
      }
    }
    String out = text.isEmpty() ? title : text.toString();
    return out.length() > MAX_SYMPTOM_CHARS ? out.substring(0, MAX_SYMPTOM_CHARS - 3) + "..." : out;
  }

  /** Lines in code blocks and code spans that look like an error a user would paste. */
  private static List<String> errorLines(String body) {
    Set<String> found = new LinkedHashSet<>();
    boolean inCode = false;
    for (String line : body.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("```")) {
        inCode = !inCode;
      } else if (inCode && ERROR_LINE.matcher(trimmed).matches() && trimmed.length() <= 300) {
        found.add(trimmed);
      }
    }
    Matcher spans = CODE_SPAN.matcher(body);
    while (spans.find()) {
      if (ERROR_LINE.matcher(spans.group(1)).matches()) {
        found.add(spans.group(1).strip());
      }
    }
    return found.stream().limit(MAX_ERRORS).toList();
  }

  private static String numberOf(JsonNode issue) {
    JsonNode number = issue == null ? null : issue.get("number");
    return number != null && number.canConvertToLong() ? " (#" + number.asLong() + ")" : "";
  }
}
