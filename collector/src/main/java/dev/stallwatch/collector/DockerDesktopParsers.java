package dev.stallwatch.collector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers of what Docker Desktop writes: settings, {@code docker version}, backend log lines. */
final class DockerDesktopParsers {

  /**
   * The Resource Saver settings; null when the file does not set them (Docker's defaults apply).
   */
  record Settings(
      Boolean useResourceSaver,
      Integer autoPauseTimeoutSeconds,
      Integer autoPauseTimedActivitySeconds,
      Boolean deprecatedCgroupv1) {}

  /**
   * One backend log line {@code [TIMESTAMP][SOURCE][LEVEL] MESSAGE}; level is null on lines without
   * a level bracket.
   */
  record LogLine(Instant ts, String source, String level, String message) {}

  /**
   * What {@code docker version} says about Docker Desktop.
   *
   * @param desktopVersion the version of the Docker Desktop that docker talks to; null when none
   * @param server what the {@code Server:} line names, e.g. {@code Docker Engine - Community}; null
   *     when no server answered
   */
  record DockerVersion(String desktopVersion, String server) {

    /** Why there is no Docker Desktop version, in words; null when there is one. */
    String withoutDesktop() {
      if (desktopVersion != null) {
        return null;
      }
      return server == null
          ? "docker version shows a client but no server: Docker Desktop is not installed or"
              + " not running"
          : "docker version shows 'Server: "
              + server
              + "': Docker Desktop is not installed, docker talks to another engine";
    }
  }

  private static final Pattern SERVER =
      Pattern.compile("(?m)^\\s*Server: Docker Desktop (\\d+\\.\\d+\\.\\d+)");
  private static final Pattern CLIENT = Pattern.compile("(?m)^\\s*Client:");
  private static final Pattern ANY_SERVER = Pattern.compile("(?m)^\\s*Server:[ \\t]*(\\S.*)?$");
  private static final Pattern LOG_LINE =
      Pattern.compile(
          "^\\[(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?Z)\\]"
              + "\\[([^\\]]{1,200})\\](?:\\[([IWEDT])\\])? ?(.*)$");

  private DockerDesktopParsers() {}

  /**
   * Reads {@code settings-store.json} (PascalCase keys) or the older {@code settings.json}
   * (camelCase): keys compared without case.
   */
  static Settings settings(String json) throws FormatException {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new FormatException(
          "Docker Desktop settings are not JSON"
              + where
              + ": "
              + SourceFiles.excerpt(e.getOriginalMessage()));
    }
    if (tree == null || !tree.isObject()) {
      throw new FormatException("Docker Desktop settings are not a JSON object");
    }
    Map<String, JsonNode> byKey = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      byKey.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue());
    }
    return new Settings(
        bool(byKey.get("useresourcesaver")),
        integer(byKey.get("autopausetimeoutseconds")),
        integer(byKey.get("autopausetimedactivityseconds")),
        bool(byKey.get("deprecatedcgroupv1")));
  }

  private static Boolean bool(JsonNode node) {
    return node != null && node.isBoolean() ? node.booleanValue() : null;
  }

  private static Integer integer(JsonNode node) {
    return node != null && node.canConvertToInt() && node.isIntegralNumber()
        ? node.intValue()
        : null;
  }

  /**
   * Reads {@code docker version}'s output (stdout and stderr). A client without Docker Desktop is
   * an answer, not an error: a plain Docker CLI, or Docker Desktop stopped.
   *
   * @throws FormatException when the output is not {@code docker version}'s at all
   */
  static DockerVersion dockerVersion(String output) throws FormatException {
    Matcher desktop = SERVER.matcher(output);
    if (desktop.find()) {
      return new DockerVersion(desktop.group(1), "Docker Desktop " + desktop.group(1));
    }
    if (!CLIENT.matcher(output).find()) {
      throw new FormatException(
          "not the output of docker version (no 'Client:' section): "
              + SourceFiles.excerpt(output.strip()));
    }
    Matcher server = ANY_SERVER.matcher(output);
    if (!server.find()) {
      return new DockerVersion(null, null);
    }
    String name = server.group(1) == null ? "" : server.group(1).strip();
    return new DockerVersion(null, name.isEmpty() ? "(unnamed)" : SourceFiles.excerpt(name));
  }

  static LogLine logLine(String line) throws FormatException {
    Matcher m = LOG_LINE.matcher(line);
    if (!m.matches()) {
      throw new FormatException(
          "not a Docker Desktop log line '[TIMESTAMP][SOURCE][LEVEL] ...': "
              + SourceFiles.excerpt(line));
    }
    try {
      return new LogLine(Instant.parse(m.group(1)), m.group(2), m.group(3), m.group(4));
    } catch (DateTimeParseException e) {
      throw new FormatException(
          "bad timestamp in Docker Desktop log line: " + SourceFiles.excerpt(line));
    }
  }
}
