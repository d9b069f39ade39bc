package dev.stallwatch.server;

import dev.stallwatch.model.team.MaintenanceWindow;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.server.team.SilenceView;
import dev.stallwatch.server.team.TeamState;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Silences, snoozes and maintenance windows: listed, created, and ended early. */
final class SilencesApi {

  private static final Set<String> STATES = Set.of("pending", "active", "expired");

  private final TeamState team;
  private final TeamChanges changes;
  private final Clock clock;

  SilencesApi(TeamState team, TeamChanges changes, Clock clock) {
    this.team = team;
    this.changes = changes;
    this.clock = clock;
  }

  /**
   * {@code GET /api/silences}: every silence, the newest first; {@code host} and {@code rule} keep
   * those whose matchers cover that host or rule, {@code status} one state.
   */
  void list(Context ctx) {
    ListFilter filter = ListFilter.of(ctx, STATES, clock.instant());
    List<SilenceView> matching =
        team.silences().stream()
            .filter(
                v -> filter.host() == null || covers(v.silence().matchers().host(), filter.host()))
            .filter(
                v -> filter.rule() == null || covers(v.silence().matchers().rule(), filter.rule()))
            .filter(v -> filter.status() == null || filter.status().equals(v.state()))
            .filter(
                v -> filter.since() == null || !v.silence().createdAt().isBefore(filter.since()))
            .toList();
    if (Csv.wanted(ctx)) {
      Csv.send(
          ctx,
          "silences",
          List.of(
              "id",
              "state",
              "host",
              "rule",
              "cohort",
              "startsAt",
              "endsAt",
              "untilResolved",
              "repeat",
              "author",
              "comment",
              "createdAt",
              "endedAt"),
          matching,
          SilencesApi::cells);
      return;
    }
    ctx.json(
        ListFilter.page(ctx, matching, AlertsApi.DEFAULT_LIMIT).stream()
            .map(SilencesApi::json)
            .toList());
  }

  /** {@code GET /api/silences/{id}}. */
  void one(Context ctx) {
    ctx.json(json(find(ctx.pathParam("id"))));
  }

  /** {@code POST /api/silences}: 201 with the silence; see {@link SilenceRequest}. */
  void create(Context ctx) {
    JsonBody body = JsonBody.of(ctx, SilenceRequest.KEYS);
    String by = changes.author(ctx, body);
    Instant now = clock.instant();
    Silence silence = SilenceRequest.parse(body, by, now);
    changes.apply(() -> changes.log().record(silence));
    changes.audit(ctx, by, "silence.create", silence.id(), describe(silence), now);
    ctx.status(201).json(json(team.silence(silence.id()).orElseThrow()));
  }

  /** {@code DELETE /api/silences/{id}}: ends it now; it stays listed as expired. */
  void expire(Context ctx) {
    SilenceView current = find(ctx.pathParam("id"));
    if (current.state().equals("expired")) {
      throw new BadRequestResponse(
          "The silence '%s' has already ended.".formatted(current.silence().id()));
    }
    JsonBody body = JsonBody.of(ctx, Set.of("author"));
    String by = changes.author(ctx, body);
    Instant now = clock.instant();
    Silence ended = current.silence().expire(now, by);
    changes.apply(() -> changes.log().record(ended));
    changes.audit(ctx, by, "silence.expire", ended.id(), describe(ended), now);
    ctx.json(json(team.silence(ended.id()).orElseThrow()));
  }

  private SilenceView find(String id) {
    return team.silence(id)
        .orElseThrow(() -> new NotFoundResponse("No silence has the id '%s'.".formatted(id)));
  }

  /** Whether a matcher pattern covers a value given as a filter: no matcher covers everything. */
  private static boolean covers(String matcher, String value) {
    if (matcher == null) {
      return true;
    }
    return new dev.stallwatch.model.team.SilenceMatchers(matcher, null, null)
        .matches(value, "", null);
  }

  private static String describe(Silence s) {
    var m = s.matchers();
    return "host=%s rule=%s cohort=%s: %s"
        .formatted(orAny(m.host()), orAny(m.rule()), orAny(m.cohort()), s.comment());
  }

  private static String orAny(String value) {
    return value == null ? "*" : value;
  }

  static Map<String, Object> json(SilenceView view) {
    Silence s = view.silence();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("state", view.state());
    out.put("matchers", s.matchers());
    out.put("startsAt", s.startsAt());
    out.put("endsAt", s.endsAt());
    out.put("untilResolved", s.untilResolved());
    out.put("repeat", s.repeat());
    out.put("author", s.author());
    out.put("comment", s.comment());
    out.put("createdAt", s.createdAt());
    out.put("endedAt", view.endedAt());
    out.put("expiredBy", s.expiredBy());
    return out;
  }

  private static List<?> cells(SilenceView view) {
    Silence s = view.silence();
    MaintenanceWindow w = s.repeat();
    return Arrays.asList(
        s.id(),
        view.state(),
        s.matchers().host(),
        s.matchers().rule(),
        s.matchers().cohort(),
        s.startsAt(),
        s.endsAt(),
        s.untilResolved(),
        w == null ? null : w.days() + " " + w.start() + " for " + w.length() + " " + w.zone(),
        s.author(),
        s.comment(),
        s.createdAt(),
        view.endedAt());
  }
}
