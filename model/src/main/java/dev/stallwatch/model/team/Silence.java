package dev.stallwatch.model.team;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A silence (or snooze): alerts it matches are recorded and searchable, but not sent. Published on
 * the compacted {@code stallwatch.silences} keyed by {@link #id()}; ending one early publishes it
 * again with {@link #expiredAt()} set, so the record stays for the history.
 *
 * <p>Its expiry is one of: {@code endsAt}; "until resolved" (it ends once every alert it matched
 * since its start has resolved); or, for a maintenance window ({@code repeat}), {@code endsAt} or
 * never.
 *
 * @param endsAt null for "until resolved", and for a window that repeats without end
 * @param repeat null for a silence that runs once, from start to expiry
 * @param expiredAt when someone ended it early; null otherwise
 * @param expiredBy who ended it early
 */
public record Silence(
    String id,
    SilenceMatchers matchers,
    Instant startsAt,
    Instant endsAt,
    boolean untilResolved,
    MaintenanceWindow repeat,
    String author,
    String comment,
    Instant createdAt,
    Instant expiredAt,
    String expiredBy) {

  /** The longest comment kept. */
  public static final int MAX_COMMENT = 2_000;

  /** The furthest a silence may end: a year after it starts. */
  public static final Duration MAX_SPAN = Duration.ofDays(366);

  public Silence {
    requireText(id, "an id");
    Objects.requireNonNull(matchers, "a silence needs matchers");
    Objects.requireNonNull(startsAt, "a silence needs a start");
    Objects.requireNonNull(createdAt, "createdAt");
    requireText(author, "an author");
    requireText(comment, "a comment saying why");
    if (comment.length() > MAX_COMMENT) {
      throw new IllegalArgumentException(
          "the comment is longer than " + MAX_COMMENT + " characters");
    }
    if (untilResolved && (endsAt != null || repeat != null)) {
      throw new IllegalArgumentException(
          "'until resolved' is an expiry of its own: give it without an end or a repeat");
    }
    if (!untilResolved && repeat == null && endsAt == null) {
      throw new IllegalArgumentException(
          "a silence needs an expiry: an end, a duration, or 'until resolved'");
    }
    if (endsAt != null && !endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("a silence must end after it starts");
    }
    if (endsAt != null && endsAt.isAfter(startsAt.plus(MAX_SPAN))) {
      throw new IllegalArgumentException(
          "a silence may last at most a year; use a maintenance window for something that"
              + " repeats");
    }
  }

  /** This silence, ended early at {@code at} by {@code by}. */
  public Silence expire(Instant at, String by) {
    return new Silence(
        id, matchers, startsAt, endsAt, untilResolved, repeat, author, comment, createdAt, at, by);
  }

  /**
   * Whether it silences at {@code instant} by its own times alone: started, not ended or expired,
   * and inside its window if it repeats. For "until resolved", whether its alerts resolved is the
   * reader's to add.
   */
  public boolean activeAt(Instant instant) {
    if (instant.isBefore(startsAt)) {
      return false;
    }
    if (expiredAt != null && !instant.isBefore(expiredAt)) {
      return false;
    }
    if (endsAt != null && !instant.isBefore(endsAt)) {
      return false;
    }
    return repeat == null || repeat.covers(instant);
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a silence needs " + what);
    }
  }
}
