package dev.stallwatch.server.feed;

/** Where a {@link TopicFollower} starts reading a topic. */
public sealed interface StartAt {

  /** Every record still on the topic: what a compacted topic holds is state to know again. */
  StartAt BEGINNING = new Beginning();

  /** Only records written after the start: their changes are news, their past is not needed. */
  StartAt END = new End();

  /** The first record written at or after {@code epochMillis}; the end if there is none. */
  static StartAt time(long epochMillis) {
    return new Time(epochMillis);
  }

  record Beginning() implements StartAt {}

  record End() implements StartAt {}

  record Time(long epochMillis) implements StartAt {}
}
