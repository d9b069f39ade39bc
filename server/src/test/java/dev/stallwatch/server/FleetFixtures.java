package dev.stallwatch.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fixed answers of the fleet routes ({@code /api/overview}, {@code /api/hosts}, {@code
 * /api/hosts/{id}}, {@code /api/cohorts}, {@code /api/me}) in the shapes of the issue 11 contract,
 * for the browser tests of the views until the server answers them itself. Times are relative to
 * the moment asked, so a 24 h window always holds them. One host carries hostile text: a name that
 * is a script tag, and a kernel line with an image whose error handler sets {@link
 * TestIncidents#PWNED}.
 */
final class FleetFixtures {

  static final String HOSTILE_HOST = "evil-01";
  static final String HOSTILE_NAME = "<script>" + TestIncidents.PWNED + "=true</script>";
  static final String HOSTILE_MARKER =
      "INFO: task apt-get:4711 blocked <img src=x onerror=\"" + TestIncidents.PWNED + "=true\">";
  private static final long GIB = 1L << 30;
  private static final Duration STEP = Duration.ofMinutes(2);

  private FleetFixtures() {}

  static Map<String, Object> overview(Instant now) {
    return ordered(
        "generatedAt", now,
        "hosts",
            ordered(
                "known",
                5,
                "reporting",
                4,
                "silent",
                1,
                "hangingNow",
                1,
                "resourceSaverNow",
                1,
                "atRisk",
                2),
        "incidents", ordered("open", 2, "last24h", 3, "medianTimeToResolve7dSeconds", 1260),
        "topCauses",
            List.of(
                ordered(
                    "rule", "resource-saver-gradual",
                    "title", "apt hung while Docker Desktop was in Resource Saver",
                    "count7d", 3),
                ordered(
                    "rule",
                    "unexplained-hang",
                    "title",
                    TestIncidents.hostileTitle(),
                    "count7d",
                    1)));
  }

  static List<Map<String, Object>> hosts(Instant now) {
    return List.of(
        host(now, "dev-laptop-07", "dev-laptop-07", "hanging", "4.42.0", "gradual", true, 3, 1),
        host(
            now,
            "build-box-03",
            "build-box-03",
            "resource-saver",
            "4.42.0",
            "dropcache",
            true,
            1,
            0),
        host(now, "dev-zoe", "dev-zoe", "silent", "4.43.1", "gradual", false, 0, 0),
        host(now, "qa-box-11", "qa-box-11", "ok", "4.43.1", "disabled", false, 0, 0),
        host(now, HOSTILE_HOST, HOSTILE_NAME, "ok", "4.43.1", "gradual", false, 0, 0));
  }

  /**
   * The host rows that {@code state}, {@code atRisk} and {@code q} select, by host id, or by hangs
   * in 7 days (most first) when {@code sort} is {@code hangs7d}.
   */
  static List<Map<String, Object>> hosts(
      Instant now, String state, boolean atRisk, String q, String sort) {
    Comparator<Map<String, Object>> byHost =
        Comparator.comparing(h -> String.valueOf(h.get("host")));
    Comparator<Map<String, Object>> order =
        "hangs7d".equals(sort)
            ? Comparator.<Map<String, Object>>comparingInt(h -> -(Integer) h.get("hangs7d"))
                .thenComparing(byHost)
            : byHost;
    return hosts(now).stream()
        .filter(h -> state == null || state.isEmpty() || state.equals(h.get("state")))
        .filter(h -> !atRisk || Boolean.TRUE.equals(h.get("atRisk")))
        .filter(h -> q == null || (h.get("host") + " " + h.get("hostName")).contains(q))
        .sorted(order)
        .toList();
  }

  private static Map<String, Object> host(
      Instant now,
      String id,
      String name,
      String state,
      String dockerDesktop,
      String reclaim,
      boolean atRisk,
      int hangs7d,
      int open) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("host", id);
    row.put("hostName", name);
    row.put("state", state);
    row.put("lastSeen", state.equals("silent") ? now.minus(Duration.ofHours(3)) : now);
    row.put(
        "versions",
        ordered(
            "wsl", "2.5.7.0",
            "kernel", "6.6.87.2-microsoft-standard-WSL2",
            "dockerDesktop", dockerDesktop,
            "windows", "10.0.26100.4061"));
    row.put("reclaimMode", reclaim);
    row.put("cgroupLayout", "v2");
    row.put("resourceSaverEnabled", !reclaim.equals("disabled"));
    row.put("lastHangAt", hangs7d > 0 ? now.minus(Duration.ofMinutes(42)) : null);
    row.put("hangs7d", hangs7d);
    row.put("atRisk", atRisk);
    row.put(
        "riskReasons",
        atRisk
            ? List.of(
                "resource-saver-gradual: Docker Desktop "
                    + dockerDesktop
                    + " in Resource Saver with autoMemoryReclaim="
                    + reclaim
                    + " hangs WSL (docker/for-win#14656).")
            : List.of());
    row.put("openIncidents", open);
    row.put("openRules", open > 0 ? List.of("resource-saver-gradual") : List.of());
    row.put("cohort", "wsl=2.5.7.0 dd=" + dockerDesktop + " reclaim=" + reclaim + " cgroup=v2");
    return row;
  }

  /** One host's page for {@code window} (15m, 1h, 6h or 24h); empty for an unknown host. */
  static Optional<Map<String, Object>> host(Instant now, String id, Duration window) {
    Optional<Map<String, Object>> row =
        hosts(now).stream().filter(h -> h.get("host").equals(id)).findFirst();
    return row.map(
        r -> {
          boolean hanging = id.equals("dev-laptop-07");
          Map<String, Object> page = new LinkedHashMap<>();
          page.put("host", r);
          page.put("context", ordered("hostName", r.get("hostName"), "systemd", true));
          page.put("openIncidents", hanging ? List.of(TestIncidents.aptHang()) : List.of());
          page.put("knownIssues", hanging ? List.of(knownIssue()) : List.of());
          page.put("timeline", timeline(now, window, hanging));
          return page;
        });
  }

  private static Map<String, Object> knownIssue() {
    return ordered(
        "id", "docker/for-win#14656",
        "title", "WSL hangs while Docker Desktop is in Resource Saver",
        "url", "https://github.com/docker/for-win/issues/14656",
        "verdicts",
            List.of(
                ordered(
                    "product", "DOCKER_DESKTOP",
                    "version", "4.42.0",
                    "verdict", "AFFECTED",
                    "message",
                        "Fixed in Docker Desktop 4.42.1; dev-laptop-07 runs 4.42.0: affected,"
                            + " upgrade.")));
  }

  private static Map<String, Object> timeline(Instant now, Duration window, boolean hanging) {
    Instant from = now.minus(window);
    List<List<Object>> memory = new ArrayList<>();
    List<List<Object>> cache = new ArrayList<>();
    List<List<Object>> psi = new ArrayList<>();
    for (Instant t = from; !t.isAfter(now); t = t.plus(STEP)) {
      double minutesLeft = Duration.between(t, now).toMinutes();
      boolean squeezed = hanging && minutesLeft < 50;
      memory.add(
          List.of(t.toEpochMilli(), squeezed ? GIB / 2 : 6 * GIB + (long) minutesLeft * 1_000_000));
      cache.add(List.of(t.toEpochMilli(), squeezed ? 9 * GIB : 3 * GIB));
      psi.add(List.of(t.toEpochMilli(), squeezed ? 78.5 : 0.4));
    }
    return ordered(
        "from",
        from,
        "to",
        now,
        "stepSeconds",
        STEP.toSeconds(),
        "series",
        ordered("memAvailableBytes", memory, "pageCacheBytes", cache, "psiIoAvg10", psi),
        "bands",
        hanging ? hangBands(now) : List.of(),
        "markers",
        hanging ? hangMarkers(now) : List.of(),
        "incidents",
        hanging ? List.of(hangSpan(now)) : List.of());
  }

  private static Instant ago(Instant now, int minutes) {
    return now.minus(Duration.ofMinutes(minutes));
  }

  /** Resource Saver entered 50 min ago and still on; the engine down from 38 to 30 min ago. */
  private static List<Object> hangBands(Instant now) {
    return List.of(
        band("resource-saver", ago(now, 50), null, "Docker Desktop entered Resource Saver"),
        band("engine-down", ago(now, 38), ago(now, 30), "docker info failed"));
  }

  private static List<Object> hangMarkers(Instant now) {
    return List.of(
        marker("reclaim", ago(now, 55), "gradual reclaim dropped 512 MiB of page cache"),
        marker("apt_stall", ago(now, 43), "apt-get made no progress for 60 s"),
        marker("hung_task", ago(now, 41), HOSTILE_MARKER),
        marker("docker_cli", ago(now, 35), "docker ps did not answer in 10 s"));
  }

  private static Map<String, Object> hangSpan(Instant now) {
    return ordered(
        "id",
        TestIncidents.APT_HANG_ID,
        "rule",
        "resource-saver-gradual",
        "title",
        "apt hung while Docker Desktop was in Resource Saver",
        "from",
        ago(now, 42),
        "to",
        null,
        "severity",
        "critical");
  }

  private static Map<String, Object> band(String kind, Instant from, Instant to, String label) {
    return ordered("kind", kind, "from", from, "to", to, "label", label);
  }

  private static Map<String, Object> marker(String kind, Instant at, String text) {
    return ordered("kind", kind, "at", at, "text", text);
  }

  static Map<String, Object> cohorts() {
    return ordered(
        "cohorts",
            List.of(
                cohort(
                    "4.42.0",
                    "gradual",
                    2,
                    2,
                    "upgrade",
                    "Docker Desktop 4.42.1 fixes it; this cohort runs 4.42.0.",
                    "docker/for-win#14656"),
                cohort(
                    "4.43.1", "gradual", 2, 0, "fixed", "This cohort runs a fixed version.", null),
                cohort("4.43.1", "disabled", 1, 0, "none-known", "No known issue matches.", null)),
        "mitigations",
            List.of(
                ordered(
                    "kind",
                    "reclaim-disabled",
                    "hosts",
                    3,
                    "hangsBefore",
                    7,
                    "daysBefore",
                    21.0,
                    "rateBefore",
                    0.33,
                    "hangsAfter",
                    0,
                    "daysAfter",
                    14.0,
                    "rateAfter",
                    0.0)));
  }

  private static Map<String, Object> cohort(
      String dd,
      String reclaim,
      int hosts,
      int withIncidents,
      String fix,
      String text,
      String issue) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("key", "wsl=2.5.7.0 dd=" + dd + " reclaim=" + reclaim + " rs=on cgroup=v2");
    c.put("wsl", "2.5.7.0");
    c.put("dockerDesktop", dd);
    c.put("reclaim", reclaim);
    c.put("resourceSaver", true);
    c.put("cgroup", "v2");
    c.put("hosts", hosts);
    c.put("hostsWithIncidents", withIncidents);
    c.put("hostsAtRisk", withIncidents);
    c.put("rate", hosts == 0 ? 0 : (double) withIncidents / hosts);
    c.put("fix", ordered("status", fix, "text", text, "issue", issue));
    return c;
  }

  /** {@code /api/me} for a known host; empty for an unknown one. */
  static Optional<Map<String, Object>> me(Instant now, String id) {
    return hosts(now).stream()
        .filter(h -> h.get("host").equals(id))
        .findFirst()
        .map(
            row -> {
              boolean hanging = id.equals("dev-laptop-07");
              return ordered(
                  "host",
                  row,
                  "summary",
                  hanging
                      ? "This machine hangs because Docker Desktop 4.42.0 in Resource Saver"
                          + " and autoMemoryReclaim=gradual starve WSL of memory."
                      : "This machine reports and has no open incident.",
                  "openIncidents",
                  hanging
                      ? List.of(
                          ordered(
                              "id",
                              TestIncidents.APT_HANG_ID,
                              "title",
                              "apt hung while Docker Desktop was in Resource Saver",
                              "rule",
                              "resource-saver-gradual",
                              "remediation",
                              "Wake Docker Desktop, then upgrade it.",
                              "knownIssues",
                              List.of(
                                  ordered(
                                      "id",
                                      "docker/for-win#14656",
                                      "url",
                                      "https://github.com/docker/for-win/issues/14656")),
                              "steps",
                              List.of(
                                  "Upgrade Docker Desktop to 4.42.1 or later.",
                                  "Set autoMemoryReclaim=dropcache in .wslconfig.")))
                      : List.of(),
                  "link",
                  "/#/hosts/" + id);
            });
  }

  /** A map that keeps its keys in the order given and, unlike {@code Map.of}, takes nulls. */
  static Map<String, Object> ordered(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
