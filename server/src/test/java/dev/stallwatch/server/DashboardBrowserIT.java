package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.search.IncidentIndex;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in a real browser (Debian's headless Chromium) over a real index and server. */
class DashboardBrowserIT {

  // Found on the PATH, as .mvn/provision-test-peers.sh (run by `mvn verify`) looks for them.
  private static final Path CHROMIUM = onPath("chromium");
  private static final Path CHROMEDRIVER = onPath("chromedriver");
  private static final String PWNED = "window.__stallwatchPwned";

  @TempDir static Path indexDir;
  private static IncidentIndex index;
  private static DashboardServer server;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() {
    if (CHROMIUM == null || CHROMEDRIVER == null) {
      fail(
          "the browser tests need chromium and chromedriver on the PATH: install them with `sudo"
              + " apt-get install chromium chromium-driver` (`mvn -B verify` in the project root"
              + " does it for you)");
    }
    index = IncidentIndex.open(indexDir);
    index.upsert(TestIncidents.aptHang());
    index.upsert(TestIncidents.terminalFailure());
    index.upsert(hostile());
    index.refresh();
    server = new DashboardServer(index);
    server.start("127.0.0.1", 0);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  private static Path onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
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

  @BeforeEach
  void openDashboard() {
    browser.get("http://127.0.0.1:" + server.port() + "/");
    waitUntil(() -> rows().size() == 3);
  }

  @Test
  void shouldListTheIncidentsNewestFirst() {
    List<String> hosts =
        rows().stream().map(row -> row.findElements(By.tagName("td")).get(1).getText()).toList();

    assertThat(hosts).containsExactly("dev-laptop-07", "build-box-03", "dev-laptop-07");
    assertThat(rows().get(2).getText())
        .contains("apt hung while Docker Desktop was in Resource Saver")
        .contains("90 %");
    WebElement issue = rows().get(2).findElement(By.linkText("microsoft/WSL#11066"));
    assertThat(issue.getAttribute("href"))
        .isEqualTo("https://github.com/microsoft/WSL/issues/11066");
  }

  @Test
  void shouldShowHostileLogTextAsTextAndRunNoneOfIt() {
    WebElement hostileRow = rows().getFirst();
    hostileRow.findElement(By.tagName("summary")).click();

    assertThat(hostileRow.getText())
        .contains(hostileTitle())
        .contains("<script>" + PWNED + "=true</script>");
    assertThat(hostileRow.findElements(By.tagName("img"))).isEmpty();
    assertThat(hostileRow.findElements(By.tagName("script"))).isEmpty();
    assertThat(hostileRow.findElements(By.tagName("a"))).isEmpty();
    Object pwned = ((JavascriptExecutor) browser).executeScript("return " + PWNED + ";");
    assertThat(pwned).as("script injected through a log line ran").isNull();
  }

  @Test
  void shouldSearchForWhatTheUserSaw() {
    search("Wsl/Service/E_UNEXPECTED");

    waitUntil(() -> rows().getFirst().getText().contains("build-box-03"));
    assertThat(rows().getFirst().getText()).contains("New WSL terminal failed");
  }

  @Test
  void shouldAnswerASymptomWithTheKnownIssueWhatHelpsAndTheVersionVerdict() {
    search("Wsl/Service/E_UNEXPECTED");

    waitUntil(() -> browser.findElement(By.id("known")).isDisplayed());
    WebElement issue = browser.findElements(By.cssSelector("#known-list li.issue")).getFirst();
    assertThat(issue.getText()).contains("docker/for-win#14827", "What helps:", "Unpause Docker");
    assertThat(issue.findElement(By.linkText("docker/for-win#14827")).getAttribute("href"))
        .isEqualTo("https://github.com/docker/for-win/issues/14827");
    waitUntil(() -> rows().getFirst().getText().contains("build-box-03"));
    assertThat(
            rows().getFirst().findElements(By.cssSelector(".version-note.affected")).stream()
                .map(WebElement::getText)
                .toList())
        .contains(
            "Fixed in Docker Desktop 4.43.0; build-box-03 runs 4.42.0, which is older: affected,"
                + " upgrade.");
  }

  @Test
  void shouldMarkMatchesInsideHostileTextWithoutRunningIt() {
    search("script window");

    waitUntil(() -> !browser.findElements(By.cssSelector("#incidents .fragment mark")).isEmpty());
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
    search("\"Resource Saver\"");

    waitUntil(() -> browser.findElement(By.id("facets")).isDisplayed());
    assertThat(browser.findElement(By.id("facets")).getText())
        .contains("Host", "build-box-03 (1)", "Docker Desktop", "4.42.0");
    browser.findElement(By.cssSelector("button[data-filter='host:build-box-03']")).click();

    waitUntil(() -> rows().size() == 1 && rows().getFirst().getText().contains("build-box-03"));
    assertThat(browser.findElement(By.id("q")).getAttribute("value")).endsWith("host:build-box-03");
  }

  private static void search(String text) {
    browser.findElement(By.id("q")).sendKeys(text);
    browser.findElement(By.cssSelector("#search button[type=submit]")).click();
  }

  @Test
  void shouldExplainAQueryItCannotRead() {
    browser.findElement(By.id("q")).sendKeys("apt AND (");
    browser.findElement(By.cssSelector("#search button[type=submit]")).click();

    waitUntil(() -> browser.findElement(By.id("status")).getText().contains("query"));
    assertThat(browser.findElement(By.id("status")).getText()).doesNotContain("Exception");
  }

  private static Incident hostile() {
    Incident base = TestIncidents.hostileLogLine();
    return new Incident(
        base.id(),
        base.host(),
        base.rule(),
        hostileTitle(),
        base.status(),
        base.severity(),
        base.onset(),
        base.openedAt(),
        base.updatedAt(),
        base.resolvedAt(),
        base.confidence(),
        base.confidenceReasons(),
        List.of(
            new Evidence(
                "7b1f0c9e-2d3a-4b5c-8e6f-0a1b2c3d4e5f",
                "kernel_log",
                base.openedAt(),
                "kernel line matched rule rcu-stall",
                "<script>" + PWNED + "=true</script>")),
        base.context(),
        List.of(new KnownIssueRef("evil/repo#1", "javascript:" + PWNED + "=true")),
        base.remediation());
  }

  private static String hostileTitle() {
    return "<img src=x onerror=\"" + PWNED + "=true\">";
  }

  private static List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#incidents tbody tr"));
  }

  private static void waitUntil(BooleanSupplier condition) {
    // The page re-renders on every answer, so an element read a moment ago may be gone: retry.
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(driver -> condition.getAsBoolean());
  }
}
