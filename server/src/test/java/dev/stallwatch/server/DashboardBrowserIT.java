package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Incident;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.stream.StreamEventType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The dashboard in a real browser (Debian's headless Chromium) over a real index and server. */
class DashboardBrowserIT {

  private static final String PWNED = TestIncidents.PWNED;

  @TempDir static Path indexDir;
  private static IncidentIndex index;
  private static DashboardServer server;
  private static ChromeDriver browser;
  private static DashboardPage page;

  @BeforeAll
  static void start() {
    index = IncidentIndex.open(indexDir);
    index.upsert(TestIncidents.aptHang());
    index.upsert(TestIncidents.terminalFailure());
    index.upsert(TestIncidents.hostile());
    index.refresh();
    server = new DashboardServer(index);
    server.start("127.0.0.1", 0);
    browser = HeadlessBrowser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (index != null) {
      index.close();
    }
  }

  /** Stores {@code incident} and tells the page, as the analyzer's feed does. */
  private static void upsertAndPublish(Incident incident) {
    index.upsert(incident);
    index.refresh();
    server.stream().publish(StreamEventType.INCIDENT, incident);
  }

  @BeforeEach
  void openDashboard() {
    page = new DashboardPage(browser);
    browser.get("http://127.0.0.1:" + server.port() + "/");
    page.waitUntil(() -> page.rows().size() == 3);
  }

  @Test
  void shouldListTheIncidentsNewestFirst() {
    List<String> hosts =
        page.rows().stream()
            .map(row -> row.findElements(By.tagName("td")).get(1).getText())
            .toList();

    assertThat(hosts).containsExactly("dev-laptop-07", "build-box-03", "dev-laptop-07");
    assertThat(page.rows().get(2).getText())
        .contains("apt hung while Docker Desktop was in Resource Saver")
        .contains("90 %");
    WebElement issue = page.rows().get(2).findElement(By.linkText("microsoft/WSL#11066"));
    assertThat(issue.getAttribute("href"))
        .isEqualTo("https://github.com/microsoft/WSL/issues/11066");
  }

  @Test
  void shouldShowHostileLogTextAsTextAndRunNoneOfIt() {
    WebElement hostileRow = page.rows().getFirst();
    hostileRow.findElement(By.tagName("summary")).click();

    assertThat(hostileRow.getText())
        .contains(TestIncidents.hostileTitle())
        .contains("<script>" + PWNED + "=true</script>");
    assertThat(hostileRow.findElements(By.tagName("img"))).isEmpty();
    assertThat(hostileRow.findElements(By.tagName("script"))).isEmpty();
    // Its links lead to its host and incident pages; the known issue's javascript: address is text.
    assertThat(hostileRow.findElements(By.tagName("a")))
        .extracting(link -> link.getDomProperty("href"))
        .allSatisfy(href -> assertThat(href).startsWith(page.origin() + "/#/"));
    assertThat(hostileRow.getText()).contains("evil/repo#1");
    Object pwned = ((JavascriptExecutor) browser).executeScript("return " + PWNED + ";");
    assertThat(pwned).as("script injected through a log line ran").isNull();
  }

  @Test
  void shouldSearchForWhatTheUserSaw() {
    page.search("Wsl/Service/E_UNEXPECTED");

    page.waitUntil(() -> page.rows().getFirst().getText().contains("build-box-03"));
    assertThat(page.rows().getFirst().getText()).contains("New WSL terminal failed");
  }

  @Test
  void shouldAnswerASymptomWithTheKnownIssueWhatHelpsAndTheVersionVerdict() {
    page.search("Wsl/Service/E_UNEXPECTED");

    page.waitUntil(() -> browser.findElement(By.id("known")).isDisplayed());
    WebElement issue = browser.findElements(By.cssSelector("#known-list li.issue")).getFirst();
    assertThat(issue.getText()).contains("docker/for-win#14827", "What helps:", "Unpause Docker");
    assertThat(issue.findElement(By.linkText("docker/for-win#14827")).getAttribute("href"))
        .isEqualTo("https://github.com/docker/for-win/issues/14827");
    page.waitUntil(() -> page.rows().getFirst().getText().contains("build-box-03"));
    assertThat(
            page.rows().getFirst().findElements(By.cssSelector(".version-note.affected")).stream()
                .map(WebElement::getText)
                .toList())
        .contains(
            "Fixed in Docker Desktop 4.42.1 by disabling Resource Saver under WSL 2; build-box-03"
                + " runs 4.42.0, which is older: affected, upgrade.");
  }

  @Test
  void shouldMarkMatchesInsideHostileTextWithoutRunningIt() {
    page.search("script window");

    page.waitUntil(
        () -> !browser.findElements(By.cssSelector("#incidents .fragment mark")).isEmpty());
    List<String> marked =
        browser.findElements(By.cssSelector("#incidents .fragment mark")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(marked).contains("script");
    assertThat(
            browser.findElements(By.cssSelector("#incidents .fragment")).stream()
                .map(WebElement::getText)
                .toList())
        .anySatisfy(text -> assertThat(text).contains("<script>"));
    assertThat(browser.findElements(By.cssSelector("#incidents script, #incidents img"))).isEmpty();
    Object pwned = ((JavascriptExecutor) browser).executeScript("return " + PWNED + ";");
    assertThat(pwned).as("script injected through a log line ran").isNull();
  }

  @Test
  void shouldCountFacetsAndFilterByTheOneClicked() {
    page.search("\"Resource Saver\"");

    page.waitUntil(() -> browser.findElement(By.id("facets")).isDisplayed());
    assertThat(browser.findElement(By.id("facets")).getText())
        .contains("Host", "build-box-03 (1)", "Docker Desktop", "4.42.0");
    browser.findElement(By.cssSelector("button[data-filter='host:build-box-03']")).click();

    page.waitUntil(
        () -> page.rows().size() == 1 && page.rows().getFirst().getText().contains("build-box-03"));
    assertThat(browser.findElement(By.id("q")).getAttribute("value")).endsWith("host:build-box-03");
  }

  @Test
  void shouldKeepOpenPanelsOpenAcrossRefreshes() {
    WebElement evidence = page.panel(TestIncidents.APT_HANG_ID, "evidence");
    evidence.findElement(By.tagName("summary")).click();
    WebElement similar = page.panel(TestIncidents.TERMINAL_ID, "similar");
    similar.findElement(By.tagName("summary")).click();
    page.waitUntil(() -> !similar.findElements(By.tagName("li")).isEmpty());
    int before = page.refreshes();

    server.stream().publish(StreamEventType.INCIDENT, TestIncidents.aptHang());
    server.stream().publish(StreamEventType.INCIDENT, TestIncidents.terminalFailure());
    page.waitUntil(() -> page.refreshes() >= before + 2, Duration.ofSeconds(20));

    // The very elements opened before the refreshes: a re-rendered row would have left them stale.
    assertThat(evidence.getDomAttribute("open")).isNotNull();
    assertThat(evidence.findElement(By.tagName("code")).isDisplayed()).isTrue();
    assertThat(evidence.getText()).contains("INFO: task apt-get:4711 blocked for more than 122");
    assertThat(similar.getDomAttribute("open")).isNotNull();
    assertThat(similar.findElement(By.tagName("li")).isDisplayed()).isTrue();
    assertThat(similar.getText()).contains("dev-laptop-07");
  }

  @Test
  void shouldShowNewAndChangedIncidentsWithoutClosingOrScrollingAnOpenPanel() {
    try {
      upsertAndPublish(TestIncidents.withEvidence(TestIncidents.aptHang(), 40));
      page.waitUntil(
          () -> page.panel(TestIncidents.APT_HANG_ID, "evidence").getText().equals("40 evidence"));
      page.panel(TestIncidents.APT_HANG_ID, "evidence").findElement(By.tagName("summary")).click();
      long scrolledTo = page.scrollEvidence(TestIncidents.APT_HANG_ID, 200);
      assertThat(scrolledTo).as("the evidence list scrolls").isEqualTo(200);

      upsertAndPublish(TestIncidents.withEvidence(TestIncidents.aptHang(), 41));
      upsertAndPublish(TestIncidents.freezeOnAnotherHost());

      page.waitUntil(
          () ->
              page.rows().size() == 4
                  && page.panel(TestIncidents.APT_HANG_ID, "evidence")
                      .getText()
                      .startsWith("41 evidence"));
      assertThat(page.rows().getFirst().getText())
          .contains("dev-zoe", "WSL froze while nobody watched");
      WebElement evidence = page.panel(TestIncidents.APT_HANG_ID, "evidence");
      assertThat(evidence.getDomAttribute("open")).isNotNull();
      assertThat(page.scrollEvidence(TestIncidents.APT_HANG_ID, -1)).isEqualTo(200);
      assertThat(evidence.getText()).contains("apt-get (pid 5040) blocked");
    } finally {
      index.delete(TestIncidents.FREEZE_ID);
      index.upsert(TestIncidents.aptHang());
      index.refresh();
    }
  }

  @Test
  void shouldSayHowManyIncidentsMatchInTheRightNumber() {
    page.search("\"did not answer\"");

    page.waitUntil(() -> page.status().contains("match"));
    assertThat(page.status()).isEqualTo("1 incident matches “\"did not answer\"”");
    browser.findElement(By.id("q")).clear();
    page.search("\"Resource Saver\"");
    page.waitUntil(() -> page.status().contains("Resource"));
    assertThat(page.status()).isEqualTo("3 incidents match “\"Resource Saver\"”");
  }

  @Test
  void shouldExplainAFilterOnlySearchAsEveryIncidentOfThatHostNewestFirst() {
    page.search("host:dev-laptop-07");

    page.waitUntil(() -> page.status().startsWith("All 2"));
    assertThat(page.status()).isEqualTo("All 2 incidents of dev-laptop-07, newest first");
    assertThat(page.status()).doesNotContain("nearly every incident");
    browser.findElement(By.id("q")).clear();
    page.search("host:build-box-03 status:open");
    page.waitUntil(() -> page.status().startsWith("The only"));
    assertThat(page.status()).isEqualTo("The only open incident of build-box-03, newest first");
  }

  @Test
  void shouldShowTheConfidenceReasonsOnThePage() {
    WebElement reason =
        page.rowOf(TestIncidents.APT_HANG_ID).findElement(By.cssSelector(".reasons li"));

    assertThat(reason.isDisplayed()).isTrue();
    assertThat(reason.getText()).isEqualTo("hang began 4 s after Resource Saver was entered");
  }

  @Test
  void shouldShowTheVersionVerdictAndKeepTheOtherNotesBehindADisclosure() {
    page.search("Wsl/Service/E_UNEXPECTED apt-get");
    page.waitUntil(() -> page.rows().size() == 2);

    WebElement affected =
        page.rowOf(TestIncidents.TERMINAL_ID)
            .findElement(By.cssSelector(".issues .version-note.affected"));
    assertThat(affected.isDisplayed()).isTrue();
    WebElement notes =
        page.rowOf(TestIncidents.APT_HANG_ID)
            .findElement(By.cssSelector(".issues details.version-notes"));
    WebElement note = notes.findElement(By.tagName("li"));
    assertThat(
            page.rowOf(TestIncidents.APT_HANG_ID).findElement(By.cssSelector(".issues")).getText())
        .contains("No version verdict.")
        .doesNotContain("nobody reported on yet");
    assertThat(note.isDisplayed()).isFalse();

    notes.findElement(By.tagName("summary")).click();

    page.waitUntil(note::isDisplayed);
    assertThat(note.getText()).contains("which nobody reported on yet");
  }

  @Test
  void shouldShipAFaviconTheBrowserCanLoad() {
    List<String> icons =
        browser.findElements(By.cssSelector("link[rel=icon]")).stream()
            .map(link -> link.getDomProperty("href"))
            .toList();
    assertThat(icons).hasSize(2);
    for (String icon : icons.reversed()) {
      Object type =
          ((JavascriptExecutor) browser)
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];fetch(arguments[0]).then(r =>"
                      + " done(r.ok ? r.headers.get('Content-Type') : 'HTTP ' + r.status));",
                  icon);
      assertThat(String.valueOf(type)).as(icon).startsWith("image/");
    }
    Object fromRoot =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/favicon.ico').then(r => done(r.status));");
    assertThat(fromRoot).isEqualTo(200L);
  }

  @Test
  void shouldSayNoCollectorHasReportedYetAndHowToConnectOne() throws Exception {
    try (EmptyDashboard empty =
        new EmptyDashboard(new StackStatus.Hosts(0, 0), "127.0.0.1:39092")) {
      browser.get(empty.url());

      page.waitUntil(() -> browser.findElement(By.id("empty")).isDisplayed());
      assertThat(browser.findElement(By.cssSelector("#empty h2")).getText())
          .isEqualTo("No collector has reported yet.");
      assertThat(browser.findElement(By.cssSelector("#empty code")).getText())
          .isEqualTo("stallwatch collect --bootstrap 127.0.0.1:39092");
      assertThat(browser.findElement(By.id("incidents")).isDisplayed()).isFalse();
      assertThat(page.status())
          .isEqualTo("No incidents yet; new ones appear here as they are opened.");
    }
  }

  @Test
  void shouldSayHowManyMachinesReportWithNoHangsThenShowTheFirstIncident() throws Exception {
    try (EmptyDashboard empty =
        new EmptyDashboard(new StackStatus.Hosts(3, 3), "127.0.0.1:39092")) {
      browser.get(empty.url());

      page.waitUntil(() -> browser.findElement(By.id("empty")).isDisplayed());
      assertThat(browser.findElement(By.id("empty")).getText())
          .isEqualTo("3 machines reporting, no hangs.");
      empty.add(TestIncidents.aptHang());
      page.waitUntil(() -> page.rows().size() == 1, Duration.ofSeconds(15));
      assertThat(browser.findElement(By.id("empty")).isDisplayed()).isFalse();
      assertThat(page.status()).startsWith("The only incident");
    }
  }

  @Test
  void shouldSayItCannotTellWhoReportsWhenItRunsWithoutAnAnalyzer() throws Exception {
    try (EmptyDashboard empty = new EmptyDashboard(null, null)) {
      browser.get(empty.url());

      page.waitUntil(() -> browser.findElement(By.id("empty")).isDisplayed());
      assertThat(browser.findElement(By.id("empty")).getText())
          .contains("No incidents yet.", "runs without an analyzer")
          .contains("stallwatch collect --bootstrap KAFKA_HOST:9092");
    }
  }

  @Test
  void shouldShowAHostByTheNameItsCollectorReported() {
    try {
      upsertAndPublish(TestIncidents.onHashedHost("3f9c2a7d1e8b4c6a", "anna-laptop"));
      page.waitUntil(() -> page.rows().size() == 4);
      assertThat(page.rowOf(TestIncidents.HASHED_ID).findElement(By.className("host")).getText())
          .isEqualTo("anna-laptop");

      page.search("host:3f9c2a7d1e8b4c6a");
      page.waitUntil(() -> page.status().startsWith("The only"));
      assertThat(page.status()).isEqualTo("The only incident of anna-laptop, newest first");
      assertThat(page.rowOf(TestIncidents.HASHED_ID).findElement(By.className("issues")).getText())
          .contains("anna-laptop runs")
          .doesNotContain("3f9c2a7d1e8b4c6a");
    } finally {
      index.delete(TestIncidents.HASHED_ID);
      index.refresh();
    }
  }

  @Test
  void shouldExplainAQueryItCannotRead() {
    browser.findElement(By.id("q")).sendKeys("apt AND (");
    browser.findElement(By.cssSelector("#search button[type=submit]")).click();

    page.waitUntil(() -> browser.findElement(By.id("status")).getText().contains("query"));
    assertThat(browser.findElement(By.id("status")).getText()).doesNotContain("Exception");
  }
}
