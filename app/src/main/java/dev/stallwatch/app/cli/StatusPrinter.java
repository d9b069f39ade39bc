package dev.stallwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;

/**
 * Prints {@code /api/me}: the machine in one line, its versions and setup, each open incident with
 * its cause and fix steps, and the link to its page. Text from the server is printed as it is,
 * control characters stripped, so a hostile log line cannot move the terminal's cursor.
 */
final class StatusPrinter {

  private final PrintWriter out;
  private final URI server;

  StatusPrinter(PrintWriter out, URI server) {
    this.out = out;
    this.server = server;
  }

  void print(JsonNode me) {
    JsonNode host = me.path("host");
    String name = text(host.path("hostName"));
    String id = text(host.path("host"));
    // The server gives the id as the name when the collector reported none: print it once.
    boolean named = !name.isEmpty() && !name.equals(id);
    out.printf("%s%s: %s%n", named ? name : id, named ? " (" + id + ")" : "", state(host));
    out.println("  " + setup(host));
    String summary = text(me.path("summary"));
    if (!summary.isEmpty()) {
      out.println();
      out.println(summary);
    }
    incidents(me.path("openIncidents"));
    String link = text(me.path("link"));
    if (!link.isEmpty()) {
      out.println();
      out.println("Its page: " + server.resolve(link));
    }
  }

  private static String state(JsonNode host) {
    String state = text(host.path("state"));
    return switch (state) {
      case "hanging" -> "hanging now (" + openIncidents(host.path("openIncidents").asInt()) + ")";
      case "resource-saver" -> "Docker Desktop is in Resource Saver";
      case "silent" -> "silent: it stopped reporting (frozen, asleep or switched off)";
      case "ok" -> "fine";
      default -> state.isEmpty() ? "state not known" : state;
    };
  }

  private static String openIncidents(int count) {
    return count == 1 ? "1 open incident" : count + " open incidents";
  }

  private static String setup(JsonNode host) {
    JsonNode versions = host.path("versions");
    StringBuilder line = new StringBuilder();
    append(line, "WSL ", versions.path("wsl"));
    append(line, "kernel ", versions.path("kernel"));
    append(line, "Docker Desktop ", versions.path("dockerDesktop"));
    append(line, "Windows ", versions.path("windows"));
    append(line, "autoMemoryReclaim=", host.path("reclaimMode"));
    append(line, "cgroup ", host.path("cgroupLayout"));
    JsonNode saver = host.path("resourceSaverEnabled");
    if (saver.isBoolean()) {
      line.append(line.isEmpty() ? "" : ", ")
          .append("Resource Saver ")
          .append(saver.asBoolean() ? "on" : "off");
    }
    return line.isEmpty() ? "versions not reported yet" : line.toString();
  }

  private void incidents(JsonNode incidents) {
    if (!incidents.isArray() || incidents.isEmpty()) {
      out.println();
      out.println("No open incidents.");
      return;
    }
    out.println();
    out.println("Open incidents:");
    int n = 0;
    for (JsonNode incident : incidents) {
      out.printf("%2d. %s  [%s]%n", ++n, text(incident.path("title")), text(incident.path("rule")));
      out.println("    id: " + text(incident.path("id")));
      String remediation = text(incident.path("remediation"));
      if (!remediation.isEmpty()) {
        out.println("    Why and what to change: " + remediation);
      }
      for (JsonNode step : incident.path("steps")) {
        out.println("    - " + text(step));
      }
      for (JsonNode issue : incident.path("knownIssues")) {
        String issueId = text(issue.path("id"));
        String url = text(issue.path("url"));
        out.println("    Known issue: " + issueId + (url.isEmpty() ? "" : " " + url));
      }
    }
  }

  private static void append(StringBuilder line, String label, JsonNode value) {
    String text = text(value);
    if (!text.isEmpty()) {
      line.append(line.isEmpty() ? "" : ", ").append(label).append(text);
    }
  }

  /** A value as one line: control characters (escape sequences included) become spaces. */
  static String text(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "";
    }
    return value.asText().replaceAll("\\p{Cntrl}", " ").strip();
  }
}
