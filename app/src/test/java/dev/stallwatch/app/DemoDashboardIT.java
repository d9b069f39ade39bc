package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.collector.EnvelopeFactory;
import dev.stallwatch.collector.KafkaEventSink;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.ResourceSaver;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser on the real {@code up --demo} stack, as a new user first sees it:
 * the demo team plays its scenario through Kafka, the analyzer and the index, and the test clicks
 * from the overview down to a host's timeline, into an incident, acknowledges it while a second
 * session watches, silences an alert, searches a symptom, and sends one hostile host of its own.
 * {@code stallwatch status} is asked about a demo host on the same stack.
 */
class DemoDashboardIT {

  /** The demo host that hangs in Resource Saver under autoMemoryReclaim=gradual. */
  private static final String ANNA = "dev-anna";

  private static final String CORRELATED_RULE = "resource-saver-gradual";

  /** The test's own host, whose kernel line carries markup. */
  private static final String MALLORY = "dev-mallory";

  private static final String HOSTILE_MARKUP = "<img src=x onerror=" + DemoBrowser.PWNED + "=true>";
  private static final String HOSTILE_LINE =
      "INFO: task apt-get:6661 blocked for more than 122 seconds. " + HOSTILE_MARKUP;

  @TempDir static Path work;
  private static DemoStack stack;
  private static DemoBrowser browser;
  private static JsonNode correlated;

  @BeforeAll
  static void start() throws Exception {
    stack = new DemoStack(work);
    // The scenario takes 30 s at the demo's speed, and the analyzer holds events back for its
    // grace; start-up on a busy two-core machine can take a minute.
    correlated =
        stack.awaitIncident(
            i -> i.path("host").asText().equals(ANNA) && rule(i).equals(CORRELATED_RULE),
            Duration.ofSeconds(150));
    sendHostileHost(stack.bootstrap());
    browser = new DemoBrowser(stack.url());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldDrillDownFromTheOverviewToTheFleetToAHostWithAResourceSaverBand() {
    browser.open("#/");
    browser.waitUntil(() -> browser.texts(".tile").size() == 7);
    assertThat(browser.texts(".tile")).anySatisfy(t -> assertThat(t).contains("hosts reporting"));
    browser.screenshot("demo-overview");

    browser.click("a.tile-link[href='#/fleet']");
    String annaRow = "#fleet tbody tr[data-host='" + ANNA + "']";
    browser.await(annaRow);
    assertThat(browser.text(annaRow)).contains("2.5.7.0", "4.42.0", "gradual");
    browser.screenshot("demo-fleet");

    browser.click(annaRow + " td.host a");
    browser.await("svg .band[data-kind='resource-saver']");
    assertThat(browser.currentUrl()).endsWith("#/hosts/" + ANNA);
    assertThat(browser.allText("svg .band[data-kind='resource-saver']")).contains("Resource Saver");
    assertThat(browser.text(".legend")).contains("Resource Saver (hatched band)");
    assertThat(browser.all("svg .marker[data-kind='hung_task']")).isNotEmpty();
    browser.screenshot("demo-host");

    // The demo's quarter of an hour is a sliver of the day: the last hour shows it.
    new Select(browser.find("#window")).selectByValue("1h");
    browser.waitUntil(() -> browser.currentUrl().endsWith("?window=1h"));
    browser.waitUntil(
        () -> browser.allText("svg.timeline-svg > title").contains(ANNA + ", last hour"));
    assertThat(browser.all("svg .band[data-kind='resource-saver']")).hasSize(1);
    browser.screenshot("demo-host-last-hour");
  }

  @Test
  void shouldShowTheCorrelatedIncidentWithItsEvidenceOnTheTimeline() throws Exception {
    String id = correlated.path("id").asText();
    browser.open("#/incidents/" + id);

    browser.await(".incident-head h2");
    browser.waitUntil(() -> !browser.all("svg .marker").isEmpty());
    // The incident may have grown since it opened: compare with what the server holds now.
    JsonNode incident = stack.get("/api/incidents/" + id);
    browser.waitUntil(
        () -> browser.all("ol.evidence > li").size() == incident.path("evidence").size());
    assertThat(browser.text(".incident-head h2")).isEqualTo(incident.path("title").asText());
    for (JsonNode evidence : incident.path("evidence")) {
      String kind = evidence.path("type").asText();
      assertThat(browser.all("svg .marker[data-kind='" + kind + "']"))
          .as("a marker for the %s evidence", kind)
          .isNotEmpty();
    }
    assertThat(browser.all("svg .band[data-kind='resource-saver']")).isNotEmpty();
    browser.screenshot("demo-incident");
  }

  @Test
  void shouldShowAnAcknowledgementOnASecondSessionWithoutReloadingIt() {
    String incidentPage = "#/incidents/" + correlated.path("id").asText();
    try (DemoBrowser second = new DemoBrowser(stack.url())) {
      second.open(incidentPage);
      second.waitUntil(() -> second.find("#live").getText().equals("live"));
      second.waitUntil(() -> acknowledgement(second).equals("Not acknowledged yet."));
      second.script("window.__sameDocument = true;");

      browser.open(incidentPage);
      browser.await("#ack-form");
      browser.find("#ack-comment").sendKeys("upgrading Docker Desktop to 4.42.1");
      browser.find("#ack-author").sendKeys("rosa");
      browser.find("#ack-form button[type=submit]").click();
      browser.waitUntil(() -> browser.text("#ack-form .form-status").equals("Done."));

      second.waitUntil(() -> acknowledgement(second).startsWith("Acknowledged by"));
      assertThat(acknowledgement(second)).contains("rosa", "upgrading Docker Desktop to 4.42.1");
      assertThat(second.script("return window.__sameDocument === true;"))
          .as("the second session saw it without a reload")
          .isEqualTo(true);
      second.screenshot("demo-incident-acknowledged");
    }
  }

  private static String acknowledgement(DemoBrowser session) {
    return session.text(".lifecycle .acknowledged");
  }

  @Test
  void shouldSilenceAnAlertFromTheAlertsPage() throws Exception {
    browser.open("#/alerts");
    browser.waitUntil(
        () -> {
          WebElement row = alertRow();
          if (row != null) {
            row.findElement(By.xpath(".//button[text()='Silence…']")).click();
          }
          return row != null;
        });
    assertThat(browser.find("#silence-host").getDomProperty("value")).isEqualTo(ANNA);
    browser.find("#silence-comment").sendKeys("known cause; upgrade planned");
    browser.find("#silence-form button[type=submit]").click();

    String matchers = "host " + ANNA + ", rule " + CORRELATED_RULE;
    browser.waitUntil(
        () -> browser.texts("#silences tbody tr").stream().anyMatch(t -> t.contains(matchers)));
    assertThat(browser.texts("#silences tbody tr"))
        .anySatisfy(t -> assertThat(t).contains("active", "known cause; upgrade planned"));
    assertThat(stack.get("/api/silences").findValuesAsText("comment"))
        .contains("known cause; upgrade planned");
    browser.screenshot("demo-alerts");
  }

  /** The row of the correlated incident's alert, or null while there is none. */
  private static WebElement alertRow() {
    return browser.all("#alerts tbody tr").stream()
        .filter(row -> row.getText().contains(ANNA) && row.getText().contains(CORRELATED_RULE))
        .findFirst()
        .orElse(null);
  }

  @Test
  void shouldHighlightAKnownIssueWhenASymptomIsSearched() {
    browser.open("#/");
    browser.find("#q").sendKeys("apt-get blocked");
    browser.find("#search button[type=submit]").click();

    browser.await("#known-list li.issue .fragment mark");
    assertThat(browser.read(() -> browser.find("#known").isDisplayed())).isTrue();
    assertThat(browser.texts("#known-list li.issue .fragment mark"))
        .anySatisfy(mark -> assertThat(mark.toLowerCase()).containsAnyOf("apt", "blocked"));
    assertThat(browser.currentUrl()).contains("#/search?q=apt-get+blocked");
    browser.screenshot("demo-search");
  }

  @Test
  void shouldShowAHostileKernelLineAsTextOnTheHostIncidentAndSearchPages() {
    JsonNode hostile =
        stack.awaitIncident(
            i -> i.path("evidence").findValuesAsText("line").contains(HOSTILE_LINE),
            Duration.ofSeconds(60));

    browser.open("#/hosts/" + MALLORY);
    browser.click(".timeline-events summary");
    browser.waitUntil(() -> browser.allText(".timeline-events").contains(HOSTILE_MARKUP));
    assertNothingRan("#view");
    browser.screenshot("demo-hostile-host");

    browser.open("#/incidents/" + hostile.path("id").asText());
    browser.await("ol.evidence code");
    assertThat(browser.texts("ol.evidence code")).contains(HOSTILE_LINE);
    assertNothingRan("#view");
    browser.screenshot("demo-hostile-incident");

    browser.open("#/search?q=" + MALLORY + "+onerror");
    browser.waitUntil(() -> !browser.all("#incidents tbody tr").isEmpty());
    assertThat(browser.allText("#incidents tbody")).contains(HOSTILE_MARKUP);
    assertNothingRan("#incident-list");
    browser.screenshot("demo-hostile-search");
  }

  private static void assertNothingRan(String container) {
    assertThat(browser.all(container + " img, " + container + " script")).isEmpty();
    assertThat(browser.pwned()).as("script injected through a kernel line ran").isFalse();
  }

  @Test
  void shouldPrintTheStateOfAHangingDemoHostWithItsOpenIncidentFixStepsAndPage() throws Exception {
    String host =
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(this::hangingDemoHost, Optional::isPresent)
            .orElseThrow();
    JsonNode me = stack.get("/api/me?host=" + host);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = InProcessCli.run(out, err, "status", "--server", stack.server(), "--host", host);

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith(host + ": hanging now (")
        .contains("Open incidents:")
        .contains("Its page: " + stack.url() + "#/hosts/" + host);
    JsonNode incident = me.path("openIncidents").get(0);
    assertThat(out.toString())
        .contains(incident.path("title").asText(), incident.path("id").asText());
    assertThat(incident.path("steps")).as("fix steps of %s", host).isNotEmpty();
    for (JsonNode step : incident.path("steps")) {
      assertThat(out.toString()).contains("    - " + step.asText());
    }
  }

  /** A host of the demo team with an open incident now, if any. */
  private Optional<String> hangingDemoHost() throws Exception {
    for (JsonNode row : stack.get("/api/hosts?state=hanging")) {
      String host = row.path("host").asText();
      if (host.startsWith("dev-") && !host.equals(MALLORY)) {
        return Optional.of(host);
      }
    }
    return Optional.empty();
  }

  private static String rule(JsonNode incident) {
    return incident.path("rule").asText();
  }

  /**
   * A collector of one more host on the demo's broker: Resource Saver under gradual, then apt-get
   * blocked, its kernel line carrying markup; a heartbeat now releases what the analyzer holds.
   */
  private static void sendHostileHost(String bootstrap) {
    Instant now = Instant.now();
    EnvelopeFactory mallory = new EnvelopeFactory(MALLORY, 1);
    try (KafkaEventSink sink =
        new KafkaEventSink(new BrokerClients(bootstrap).producer("hostile"))) {
      sink.emit(SampleTelemetry.inventory(mallory.next(now.minus(Duration.ofMinutes(4)))));
      sink.emit(
          SampleTelemetry.resourceSaver(
              mallory.next(now.minus(Duration.ofMinutes(3))), ResourceSaver.State.ENTERED));
      sink.emit(
          new HungTask(
              mallory.next(now.minus(Duration.ofMinutes(2))), "apt-get", 6661, 122, HOSTILE_LINE));
      sink.emit(new Heartbeat(mallory.next(now), Map.of(), 0, 0));
    }
  }
}
