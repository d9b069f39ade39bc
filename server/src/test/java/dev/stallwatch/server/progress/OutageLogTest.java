package dev.stallwatch.server.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Kafka being unreachable is logged once per period, not once per sample. */
class OutageLogTest {

  private static final long MINUTE = 60_000_000_000L;

  private final Logger logger = (Logger) LoggerFactory.getLogger("stallwatch.test.outages");
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final OutageLog outages = new OutageLog(logger, Duration.ofMinutes(5));

  @BeforeEach
  void capture() {
    captured.start();
    logger.addAppender(captured);
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    logger.detachAppender(captured);
    logger.setAdditive(true);
    logger.setLevel(null);
  }

  @Test
  void shouldWarnAtTheFirstFailureThenOncePerPeriodWithTheCountHeldBack() {
    for (long minute = 0; minute < 5; minute++) {
      outages.failed("Timed out waiting for a node assignment", minute * MINUTE);
    }
    outages.failed("Timed out waiting for a node assignment", 5 * MINUTE);

    assertThat(captured.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            tuple(
                Level.WARN,
                "cannot read Kafka's offsets: /metrics shows events in and lag as of the last"
                    + " sample (Timed out waiting for a node assignment)"),
            tuple(
                Level.WARN,
                "cannot read Kafka's offsets: /metrics shows events in and lag as of the last"
                    + " sample (Timed out waiting for a node assignment) (4 more failed samples"
                    + " since the last warning)"));
  }

  @Test
  void shouldSayWhenKafkaIsReachedAgainAndWarnAtOnceOnTheNextOutage() {
    outages.failed("connection refused", 0);
    outages.succeeded();
    outages.succeeded();
    outages.failed("connection refused", MINUTE);

    assertThat(captured.list)
        .extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.WARN, Level.INFO, Level.WARN);
  }
}
