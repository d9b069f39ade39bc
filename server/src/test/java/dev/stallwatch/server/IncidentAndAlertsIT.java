package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The incident page and the alerts page in a real browser over the real server: hostile text stays
 * text, acknowledging and noting change the history, a change made elsewhere shows without a
 * reload, silences are made and ended from the page, and the live status follows the stream.
 */
class IncidentAndAlertsIT {

  private static final String HOSTILE_NOTE =
      "<img src=x onerror=\"" + TestIncidents.PWNED + "=1\">";
  private static final String HOSTILE_COMMENT =
      "upgrading Docker Desktop today <script>" + TestIncidents.PWNED + "=2</script>";

  private static ViewsStack stack;
  private static ChromeDriver browser;
  private static DashboardPage page;

  @BeforeAll
  static void start() {
    stack = new ViewsStack();
    browser = HeadlessBrowser.start();
    page = new DashboardPage(browser);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.close();
    }
  }

  private void open(String hash) {
    browser.get(stack.url() + hash);
    browser.navigate().refresh();
    page.waitUntil(() -> browser.findElement(By.id("live")).getText().equals("live"));
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private boolean everyFieldHasALabel() {
    return (Boolean)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return [...document.querySelectorAll('input, select, textarea')]"
                    + ".every(f => f.labels && f.labels.length > 0);");
  }

  @Test
  void shouldShowHostileEvidenceAndNotesAsTextOnTheIncidentPage() {
    open("#/incidents/" + TestIncidents.HOSTILE_ID);
    page.waitUntil(() -> !browser.findElements(By.cssSelector(".incident-head h2")).isEmpty());

    assertThat(text(".incident-head h2")).isEqualTo(TestIncidents.hostileTitle());
    assertThat(text("ol.evidence")).contains("<script>" + TestIncidents.PWNED + "=true</script>");
    assertThat(browser.findElements(By.cssSelector("svg .marker[data-kind='kernel_log']")))
        .hasSize(1);
    assertThat(browser.findElements(By.cssSelector("svg a.span"))).hasSize(1);

    browser.findElement(By.id("note-text")).sendKeys(HOSTILE_NOTE);
    browser.findElement(By.cssSelector("#note-form button[type=submit]")).click();

    page.waitUntil(() -> text("ol.history").contains(HOSTILE_NOTE));
    assertThat(browser.findElements(By.cssSelector("#view img, #view script"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
    assertThat(HeadlessBrowser.pwned(browser))
        .as("script injected through a log line ran")
        .isFalse();
    assertThat(everyFieldHasALabel()).isTrue();
  }

  @Test
  void shouldAcknowledgeFromThePageAndShowItInTheHistory() {
    open("#/incidents/" + TestIncidents.APT_HANG_ID);
    page.waitUntil(() -> text(".acknowledged").equals("Not acknowledged yet."));
    assertThat(text(".confidence")).contains("hang began 4 s after Resource Saver was entered");
    page.waitUntil(() -> text(".issue-list").contains("microsoft/WSL#11066"));

    browser.findElement(By.id("ack-comment")).sendKeys("reinstalling Docker Desktop on it");
    browser.findElement(By.id("ack-author")).sendKeys("anna");
    browser.findElement(By.cssSelector("#ack-form button[type=submit]")).click();

    page.waitUntil(() -> text(".acknowledged").startsWith("Acknowledged by anna (local)"));
    assertThat(text(".acknowledged")).endsWith(": reinstalling Docker Desktop on it");
    assertThat(text("ol.history")).contains("acknowledged by anna (local)");
    HeadlessBrowser.screenshot(browser, "incident");
  }

  @Test
  void shouldShowAnAcknowledgementMadeElsewhereWithoutReloading() throws Exception {
    open("#/incidents/" + TestIncidents.TERMINAL_ID);
    page.waitUntil(() -> text(".acknowledged").equals("Not acknowledged yet."));
    browser.executeScript("window.__notReloaded = true;");

    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          stack.url() + "api/incidents/" + TestIncidents.TERMINAL_ID + "/ack"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"author\": \"zoe\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
    }

    page.waitUntil(() -> text(".acknowledged").startsWith("Acknowledged by zoe"));
    assertThat(browser.executeScript("return window.__notReloaded;")).isEqualTo(true);
  }

  @Test
  void shouldListAlertsWithHostileTextAsTextAndSilenceAndExpireFromThePage() {
    open("#/alerts");
    page.waitUntil(() -> browser.findElements(By.cssSelector("#alerts tbody tr")).size() == 2);
    assertThat(text("#alerts")).contains(TestIncidents.hostileTitle());
    assertThat(browser.findElements(By.cssSelector("#view img, #view script"))).isEmpty();
    assertThat(HeadlessBrowser.pwned(browser)).isFalse();
    assertThat(everyFieldHasALabel()).isTrue();
    WebElement firing = firingRow();
    assertThat(firing.getText()).contains("firing", "dev-laptop-07", "resource-saver-gradual");

    firing.findElement(By.xpath(".//button[text()='Silence…']")).click();
    assertThat(browser.findElement(By.id("silence-host")).getAttribute("value"))
        .isEqualTo("dev-laptop-07");
    browser.findElement(By.id("silence-comment")).sendKeys(HOSTILE_COMMENT);
    browser.findElement(By.cssSelector("#silence-form button[type=submit]")).click();

    page.waitUntil(() -> browser.findElements(By.cssSelector("#silences tbody tr")).size() == 1);
    assertThat(text("#silences tbody tr"))
        .contains("active", "host dev-laptop-07", HOSTILE_COMMENT);
    assertThat(browser.findElements(By.cssSelector("#view img, #view script"))).isEmpty();
    assertThat(HeadlessBrowser.pwned(browser)).isFalse();
    page.waitUntil(() -> firingRow().getText().contains("silenced by"));
    HeadlessBrowser.screenshot(browser, "alerts");

    browser.findElement(By.xpath("//table[@id='silences']//button[text()='Expire']")).click();
    page.waitUntil(() -> text("#silences tbody tr").startsWith("expired"));
    page.waitUntil(() -> !firingRow().getText().contains("silenced by"));
  }

  private WebElement firingRow() {
    return browser.findElement(
        By.cssSelector("#alerts tr[data-fingerprint='dev-laptop-07/resource-saver-gradual']"));
  }

  @Test
  void shouldSayWhenTheStreamDroppedAndReloadWhenItIsBack() {
    open("#/search?q=apt-get");
    page.waitUntil(() -> page.rows().size() == 1);
    // An event first, so the page has an id to reconnect with; a changed incident asks again.
    int first = page.refreshes();
    stack.feed().incident(stack.incident(TestIncidents.APT_HANG_ID));
    page.waitUntil(() -> page.refreshes() > first);
    int before = page.refreshes();

    stack.stopServer();
    page.waitUntil(() -> text("#live").equals("reconnecting…"), Duration.ofSeconds(5));
    stack.startServerAgain();

    page.waitUntil(() -> text("#live").equals("live"), Duration.ofSeconds(10));
    // The new server does not know the last id the page saw: it says resync, and the page reloads.
    page.waitUntil(() -> page.refreshes() > before);
    assertThat(List.of(browser.findElement(By.id("live")).getDomAttribute("data-state")))
        .containsExactly("live");
  }
}
