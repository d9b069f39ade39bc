package dev.stallwatch.server.progress;

/**
 * What the progress meters show, from the last successful reading of Kafka's offsets. NaN where
 * nothing is known yet.
 *
 * @param takenNanos when it was read, on {@link System#nanoTime()}'s scale; for {@link #none} when
 *     sampling started, so that the age of the data counts from then
 * @param eventsIn records ever written to the telemetry topic
 * @param eventsPerSecond how fast {@code eventsIn} grew since the sample before
 * @param analyzerLag telemetry records the analyzer has not committed
 * @param indexLag incident records the search index has not read
 */
record ProgressSample(
    long takenNanos, double eventsIn, double eventsPerSecond, double analyzerLag, double indexLag) {

  private static final double NANOS_PER_SECOND = 1e9;

  /** Before the first reading. */
  static ProgressSample none(long startNanos) {
    return new ProgressSample(startNanos, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** The sample that follows {@code previous}, read at {@code nowNanos}. */
  static ProgressSample next(ProgressSample previous, Offsets offsets, long nowNanos) {
    long eventsIn = offsets.eventsIn();
    double seconds = (nowNanos - previous.takenNanos) / NANOS_PER_SECOND;
    double growth = eventsIn - previous.eventsIn;
    // NaN after none() and when the topic was recreated (its offsets started again from 0).
    double rate = seconds > 0 && growth >= 0 ? growth / seconds : Double.NaN;
    return new ProgressSample(nowNanos, eventsIn, rate, offsets.analyzerLag(), offsets.indexLag());
  }

  /** Seconds from this sample to {@code nowNanos}. */
  double ageSeconds(long nowNanos) {
    return (nowNanos - takenNanos) / NANOS_PER_SECOND;
  }
}
