package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.stallwatch.server.progress.KafkaProgress;
import dev.stallwatch.streams.Analyzer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With no Kafka to read offsets from, {@code /metrics} still answers at once, says how old its
 * numbers are, and the outage is logged once rather than at every sample.
 */
class KafkaUnreachableMetricsTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger(KafkaProgress.class);
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

  @BeforeEach
  void capture() {
    captured.start();
    logger.addAppender(captured);
  }

  @AfterEach
  void release() {
    logger.detachAppender(captured);
  }

  @Test
  void shouldAnswerScrapesAtOnceAndWarnOnceWhileKafkaCannotBeReached() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard(List.of());
        HttpClient http = HttpClient.newHttpClient()) {
      KafkaProgress progress = unreachableKafka();
      progress.bindTo(dashboard.server().metrics().registry());
      progress.start();
      try {
        // Each sample gives up after a second; let several fail.
        await()
            .during(Duration.ofSeconds(4))
            .atMost(Duration.ofSeconds(10))
            .until(() -> warnings() == 1);

        HttpRequest scrape =
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + dashboard.server().port() + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build();
        String body = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();

        assertThat(body)
            .contains("stallwatch_events_in_total NaN")
            .contains("stallwatch_analyzer_lag_records NaN")
            .contains("stallwatch_index_lag_records NaN");
        assertThat(sampleAge(body)).isGreaterThanOrEqualTo(4.0);
        assertThat(captured.list.getFirst().getFormattedMessage())
            .startsWith("cannot read Kafka's offsets");
      } finally {
        long start = System.nanoTime();
        progress.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .as("close does not wait for Kafka")
            .isLessThan(Duration.ofSeconds(2));
      }
    }
  }

  @Test
  void shouldAnswerAScrapeWhileASampleWaitsOnABrokerThatNeverAnswers() throws Exception {
    try (ServerSocket silent = new ServerSocket(0);
        RunningDashboard dashboard = new RunningDashboard(List.of());
        HttpClient http = HttpClient.newHttpClient()) {
      // It accepts connections and never says a word: each Kafka call waits its full minute.
      KafkaProgress progress =
          new KafkaProgress(
              Map.of(
                  "bootstrap.servers",
                  "127.0.0.1:" + silent.getLocalPort(),
                  "default.api.timeout.ms",
                  60_000,
                  "request.timeout.ms",
                  60_000),
              Analyzer.DEFAULT_APPLICATION_ID,
              Map::of,
              Duration.ofMillis(100));
      progress.bindTo(dashboard.server().metrics().registry());
      progress.start();
      try {
        HttpRequest scrape =
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + dashboard.server().port() + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build();
        for (int i = 0; i < 3; i++) {
          Thread.sleep(200);
          assertThat(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body())
              .as("answered within 10 s although the sample waits a minute")
              .contains("stallwatch_events_in_total NaN");
        }
      } finally {
        progress.close();
      }
    }
  }

  private long warnings() {
    synchronized (captured) {
      return captured.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
    }
  }

  private static KafkaProgress unreachableKafka() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    return new KafkaProgress(
        Map.of(
            "bootstrap.servers",
            "127.0.0.1:" + closedPort,
            "default.api.timeout.ms",
            1000,
            "request.timeout.ms",
            500),
        Analyzer.DEFAULT_APPLICATION_ID,
        Map::of,
        Duration.ofMillis(100));
  }

  private static double sampleAge(String metrics) {
    return metrics
        .lines()
        .filter(line -> line.startsWith("stallwatch_kafka_sample_age_seconds "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
        .findFirst()
        .orElseThrow();
  }
}
