package dev.stallwatch.model.team;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A silence that repeats: on each of {@code days}, from {@code start} local time in {@code zone},
 * for {@code length}. A window may run past midnight (22:00 for 4 h covers 02:00 of the next day).
 *
 * @param length 1 minute to 7 days
 */
public record MaintenanceWindow(
    Set<DayOfWeek> days,
    LocalTime start,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Duration length,
    ZoneId zone) {

  public MaintenanceWindow {
    Objects.requireNonNull(start, "a maintenance window needs a start time, e.g. 22:00");
    Objects.requireNonNull(length, "a maintenance window needs a length, e.g. 2h");
    Objects.requireNonNull(zone, "a maintenance window needs a time zone, e.g. Europe/Berlin");
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException(
          "a maintenance window needs the days it repeats on, e.g. [\"SATURDAY\"]");
    }
    if (length.compareTo(Duration.ofMinutes(1)) < 0 || length.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException(
          "a maintenance window lasts from 1 minute to 7 days, not " + length);
    }
    // In week order, so the wire and the API list them the same way every time.
    days = Collections.unmodifiableSet(EnumSet.copyOf(days));
  }

  /** Whether {@code instant} falls inside one of the window's occurrences. */
  public boolean covers(Instant instant) {
    LocalDate day = instant.atZone(zone).toLocalDate();
    // An occurrence that began up to `length` earlier (8 days at most) may still be running.
    for (int back = 0; back <= length.toDays() + 1; back++) {
      LocalDate candidate = day.minusDays(back);
      if (!days.contains(candidate.getDayOfWeek())) {
        continue;
      }
      ZonedDateTime from = ZonedDateTime.of(candidate, start, zone);
      Instant begin = from.toInstant();
      if (!instant.isBefore(begin) && instant.isBefore(begin.plus(length))) {
        return true;
      }
    }
    return false;
  }
}
