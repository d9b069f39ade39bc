package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No token or password reaches a log line, at any level, whatever the requests carry. */
class SecretLogTest {

  private static final String TOKEN = "swt-9b1e44c07d2f86a35e11";
  private static final String PASSWORD = "l0g-n0t-this-pa55";

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Logger parser =
      (Logger) LoggerFactory.getLogger("org.eclipse.jetty.http.HttpParser");
  private Level rootLevel;
  private Appender<ILoggingEvent> console;

  @BeforeEach
  void captureEverything() {
    rootLevel = root.getLevel();
    // Every level of every logger, Jetty's and Javalin's included, but not onto the console.
    root.setLevel(Level.ALL);
    // Jetty's HTTP parser prints every raw header line at DEBUG, Authorization included, by
    // design; stallwatch's logback.xml pins it at INFO, as here, whatever the root level.
    parser.setLevel(Level.INFO);
    console = root.getAppender("STDERR");
    root.detachAppender(console);
    ((Logger) LoggerFactory.getLogger("dev.stallwatch")).setLevel(Level.ALL);
    captured.setContext(root.getLoggerContext());
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void restore() {
    root.detachAppender(captured);
    root.addAppender(console);
    parser.setLevel(null);
    root.setLevel(rootLevel);
    ((Logger) LoggerFactory.getLogger("dev.stallwatch")).setLevel(Level.INFO);
  }

  @Test
  void shouldNeverLogTheTokenOrThePassword() throws Exception {
    String lan = SecuredServer.nonLoopbackAddress();
    AccessPolicy policy = AccessPolicy.requiring(TOKEN, "oncall:" + PASSWORD);
    try (SecuredServer served =
        new SecuredServer(new ServerSecurity(policy, Optional.empty()), lan)) {
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("oncall:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      for (String authorization :
          new String[] {null, "Bearer " + TOKEN, "Bearer " + TOKEN + "x", basic, "Basic !!"}) {
        served.send(lan, "GET", "/api/incidents", authorization);
        served.send(lan, "POST", "/api/incidents", authorization);
        served.send(lan, "GET", "/api/search?q=", authorization);
        served.send(lan, "GET", "/metrics", authorization);
        served.send(
            lan, "POST", "/api/incidents/" + TestIncidents.APT_HANG_ID + "/ack", authorization);
        served.send(lan, "POST", "/api/silences", authorization);
        served.send(lan, "DELETE", "/api/silences/s-1", authorization);
        served.send(lan, "GET", "/api/audit", authorization);
      }
    }

    List<ILoggingEvent> events;
    // Jetty's threads may still log after the stop; appends hold the appender's lock.
    synchronized (captured) {
      events = List.copyOf(captured.list);
    }
    List<String> lines =
        events.stream()
            .map(event -> event.getFormattedMessage() + " " + throwableText(event))
            .toList();
    assertThat(lines).as("log lines captured at every level").isNotEmpty();
    assertThat(lines).noneMatch(line -> line.contains(TOKEN) || line.contains(PASSWORD));
    assertThat(lines)
        .noneMatch(
            line ->
                line.contains(
                    Base64.getEncoder()
                        .encodeToString(("oncall:" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
  }

  private static String throwableText(ILoggingEvent event) {
    return event.getThrowableProxy() == null
        ? ""
        : event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage();
  }
}
