package dev.stallwatch.app.diagnose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The list of evaluation cases ({@value #FILE}): each a small capture written from one public
 * report, with what diagnose should conclude. It lists each case's files because the cases ship in
 * the jar, whose directories cannot be listed.
 *
 * @param cases in the order they are run and printed
 */
public record EvalManifest(List<Case> cases) {

  /** The manifest's name, at the top of a directory of cases. */
  public static final String FILE = "cases.yaml";

  /** What the manifest says when no rule, or no known issue, should be named. */
  public static final String NONE = "none";

  private static final Pattern CASE_ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");
  private static final Pattern ISSUE = Pattern.compile("[\\w.-]+/[\\w.-]+#\\d+");

  private static final ObjectMapper YAML =
      YAMLMapper.builder(new YAMLFactory())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  /**
   * One case.
   *
   * @param id also the case's directory, next to the manifest
   * @param report the public report its facts come from, {@code owner/repo#N}
   * @param rule the rule id diagnose should choose, or {@value #NONE} for a healthy machine
   * @param knownIssue the known issue the chosen incident should name first, or {@value #NONE}
   * @param lookAlike whether its symptoms look like Resource Saver's while the cause is another
   * @param files the case's files, relative to its directory
   */
  public record Case(
      String id,
      String report,
      String rule,
      String knownIssue,
      boolean lookAlike,
      String note,
      List<String> files) {

    public Case {
      files = files == null ? List.of() : List.copyOf(files);
    }

    /** Whether Resource Saver must not be blamed here: a look-alike or a healthy machine. */
    public boolean innocent() {
      return lookAlike || NONE.equals(rule);
    }
  }

  public EvalManifest {
    cases = cases == null ? List.of() : List.copyOf(cases);
  }

  /**
   * Reads and checks a manifest.
   *
   * @throws IllegalArgumentException naming every problem, one a line, with the case it is in
   */
  public static EvalManifest parse(byte[] yaml) {
    EvalManifest manifest;
    try {
      manifest = YAML.readValue(yaml, EvalManifest.class);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(
          FILE + ": " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(FILE + ": not YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("reading bytes in memory", e);
    }
    if (manifest == null) {
      throw new IllegalArgumentException(FILE + ": empty; expected 'cases:' with a list");
    }
    List<String> problems = manifest.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return manifest;
  }

  private List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (cases.isEmpty()) {
      problems.add(FILE + ": lists no case");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      String where = FILE + ": cases[" + i + "]";
      if (c.id() == null || !CASE_ID.matcher(c.id()).matches()) {
        problems.add(where + ".id: lower-case letters, digits, '.' and '-'; was " + c.id());
        continue;
      }
      where = FILE + ": case " + c.id();
      if (!ids.add(c.id())) {
        problems.add(where + ": listed twice");
      }
      if (c.report() == null || !ISSUE.matcher(c.report()).matches()) {
        problems.add(where + ": report must look like owner/repo#123; was " + c.report());
      }
      if (c.rule() == null || c.rule().isBlank()) {
        problems.add(where + ": rule is missing (a rule id, or " + NONE + ")");
      }
      if (c.knownIssue() == null
          || !(NONE.equals(c.knownIssue()) || ISSUE.matcher(c.knownIssue()).matches())) {
        problems.add(where + ": knownIssue must be owner/repo#123 or none; was " + c.knownIssue());
      }
      String bad =
          c.files().stream()
              .filter(f -> f.isBlank() || f.startsWith("/") || f.contains(".."))
              .collect(Collectors.joining(", "));
      if (c.files().isEmpty() || !bad.isEmpty()) {
        problems.add(where + ": files must list its files, relative and inside it; " + bad);
      }
    }
    return problems;
  }
}
