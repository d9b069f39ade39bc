package dev.stallwatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.team.MaintenanceWindow;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.model.team.SilenceMatchers;
import dev.stallwatch.search.QueryException;
import dev.stallwatch.search.SearchRequest;
import io.javalin.http.BadRequestResponse;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The body of {@code POST /api/silences}, made into a {@link Silence}:
 *
 * <pre>{@code
 * {"host": "build-box-*", "rule": "resource-saver-*", "cohort": "dd=4.42.0",
 *  "duration": "2h" | "endsAt": "2026-12-02T18:00:00Z" | "until": "resolved",
 *  "startsAt": "2026-12-02T16:00:00Z",
 *  "repeat": {"days": ["SATURDAY"], "start": "22:00", "length": "4h", "zone": "Europe/Berlin"},
 *  "comment": "upgrading Docker Desktop", "author": "anna"}
 * }</pre>
 */
final class SilenceRequest {

  static final Set<String> KEYS =
      Set.of(
          "host",
          "rule",
          "cohort",
          "startsAt",
          "endsAt",
          "duration",
          "until",
          "repeat",
          "comment",
          "author");
  private static final Set<String> WINDOW_KEYS = Set.of("days", "start", "length", "zone");

  private SilenceRequest() {}

  /**
   * @param by who asks, as the audit trail names them
   * @throws BadRequestResponse with one sentence saying what to change
   */
  static Silence parse(JsonBody body, String by, Instant now) {
    Instant startsAt = instant(body, "startsAt", now);
    if (startsAt.isAfter(now.plus(Silence.MAX_SPAN))) {
      throw new BadRequestResponse("startsAt is more than a year away; check the date.");
    }
    boolean untilResolved = untilResolved(body.text("until"));
    Instant endsAt = end(body, startsAt);
    MaintenanceWindow repeat = window(body.node("repeat"));
    if (untilResolved && endsAt != null) {
      throw new BadRequestResponse(
          "Give one expiry: until 'resolved', a duration or an endsAt, not two.");
    }
    try {
      return new Silence(
          UUID.randomUUID().toString(),
          new SilenceMatchers(body.text("host"), body.text("rule"), body.text("cohort")),
          startsAt,
          endsAt,
          untilResolved,
          repeat,
          by,
          body.text("comment"),
          now,
          null,
          null);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequestResponse(sentence(e.getMessage()));
    }
  }

  private static boolean untilResolved(String until) {
    if (until == null) {
      return false;
    }
    if (!until.equalsIgnoreCase("resolved")) {
      throw new BadRequestResponse("until takes one value, 'resolved', not '%s'.".formatted(until));
    }
    return true;
  }

  private static Instant end(JsonBody body, Instant startsAt) {
    String duration = body.text("duration");
    Instant endsAt = instant(body, "endsAt", null);
    if (duration != null && endsAt != null) {
      throw new BadRequestResponse("Give a duration or an endsAt, not both.");
    }
    return duration != null ? startsAt.plus(duration("duration", duration)) : endsAt;
  }

  private static MaintenanceWindow window(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      throw new BadRequestResponse("repeat must be an object with days, start, length and zone.");
    }
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!WINDOW_KEYS.contains(key)) {
                throw new BadRequestResponse(
                    "repeat has an unknown key '%s'; it takes days, start, length and zone."
                        .formatted(key));
              }
            });
    try {
      return new MaintenanceWindow(
          days(node.path("days")),
          LocalTime.parse(node.path("start").asText("")),
          duration("repeat.length", node.path("length").asText("")),
          ZoneId.of(node.path("zone").asText("")));
    } catch (DateTimeException e) {
      throw new BadRequestResponse(
          "repeat needs start as HH:MM (22:00) and zone as a region (Europe/Berlin): "
              + e.getMessage());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequestResponse(sentence(e.getMessage()));
    }
  }

  private static Set<DayOfWeek> days(JsonNode days) {
    if (!days.isArray() || days.isEmpty()) {
      throw new BadRequestResponse("repeat.days is a list of days, e.g. [\"SATURDAY\"].");
    }
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (JsonNode day : days) {
      out.add(day(day.asText("")));
    }
    return out;
  }

  private static DayOfWeek day(String name) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().equalsIgnoreCase(name)
          || day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
        return day;
      }
    }
    throw new BadRequestResponse(
        "'%s' is not a day; use MONDAY .. SUNDAY or Mon .. Sun.".formatted(name));
  }

  private static Duration duration(String key, String text) {
    try {
      return SearchRequest.parseSince(text);
    } catch (QueryException e) {
      throw new BadRequestResponse(
          "%s takes a duration such as 30m, 2h, 1d or 1w, not '%s'.".formatted(key, text));
    }
  }

  private static Instant instant(JsonBody body, String key, Instant absent) {
    String text = body.text(key);
    if (text == null) {
      return absent;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      throw new BadRequestResponse(
          "%s is an ISO-8601 instant such as 2026-12-02T18:00:00Z, not '%s'.".formatted(key, text));
    }
  }

  private static String sentence(String message) {
    String text = message == null ? "the silence is not valid" : message;
    return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
  }
}
