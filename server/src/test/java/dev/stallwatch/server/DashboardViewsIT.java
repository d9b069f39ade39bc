package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard's views in a real browser: overview, fleet, cohorts, a host's timeline, my machine,
 * search links, and how they read on a phone, all from the real server over a real fleet view
 * ({@link ViewsStack}, {@link FleetFixtures}).
 */
class DashboardViewsIT {

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

  @AfterEach
  void wideAgain() {
    browser.manage().window().setSize(new Dimension(1280, 800));
  }

  private void open(String hash) {
    browser.get(stack.url() + hash);
    browser.navigate().refresh();
  }

  private List<String> texts(String css) {
    return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  @Test
  void shouldDrillDownFromTheOverviewToTheFleetToAHostWithAResourceSaverBand() {
    open("#/");
    page.waitUntil(() -> !browser.findElements(By.cssSelector(".tile")).isEmpty());
    page.waitUntil(() -> page.rows().size() == 3);
    assertThat(texts(".tile")).anySatisfy(t -> assertThat(t).contains("2", "hanging now"));
    assertThat(texts(".tile")).anySatisfy(t -> assertThat(t).contains("5", "hosts reporting"));
    assertThat(texts(".causes li"))
        .anySatisfy(t -> assertThat(t).contains("resource-saver-gradual"));
    HeadlessBrowser.screenshot(browser, "overview");

    browser.findElement(By.partialLinkText("hanging now")).click();
    page.waitUntil(() -> texts("#fleet tbody tr").size() == 2);
    WebElement row = browser.findElement(By.cssSelector("#fleet tr[data-host='dev-laptop-07']"));
    assertThat(row.getText()).contains("dev-laptop-07", "hanging", "4.42.0", "gradual");
    assertThat(texts("#fleet tbody tr")).allSatisfy(t -> assertThat(t).contains("hanging"));
    assertThat(browser.getCurrentUrl()).endsWith("#/fleet?state=hanging");

    row.findElement(By.linkText("dev-laptop-07")).click();
    page.waitUntil(() -> !browser.findElements(By.cssSelector("svg .band")).isEmpty());
    WebElement band = browser.findElement(By.cssSelector("svg .band[data-kind='resource-saver']"));
    assertThat(band.findElement(By.cssSelector("text")).getText()).isEqualTo("Resource Saver");
    assertThat(browser.findElements(By.cssSelector("svg .band[data-kind='engine-down']")))
        .hasSize(1);
    assertThat(browser.findElements(By.cssSelector("svg .marker"))).hasSize(4);
    assertThat(browser.findElements(By.cssSelector("svg path[data-series]"))).hasSize(3);
    // Both incidents are open, so both bars run to now: each has its own lane.
    assertThat(
            browser.findElements(By.cssSelector("svg a.span rect")).stream()
                .map(bar -> bar.getDomAttribute("y"))
                .distinct())
        .hasSize(2);
    assertThat(
            browser
                .findElement(By.cssSelector("svg.timeline-svg > title"))
                .getAttribute("textContent"))
        .startsWith("Timeline of dev-laptop-07, last 24 h");
    assertThat(browser.findElement(By.cssSelector(".legend")).getText())
        .contains("Resource Saver (hatched band)", "hang signal (triangle)", "memory available");
    assertThat(browser.findElement(By.cssSelector(".host-side")).getText())
        .contains("apt hung while Docker Desktop", "docker/for-win#14656", "affected:", "4.42.0");
    HeadlessBrowser.screenshot(browser, "host");
  }

  @Test
  void shouldShowAHostileKernelLineOnTheHostTimelineAsText() {
    open("#/hosts/dev-laptop-07?window=6h");
    page.waitUntil(() -> !browser.findElements(By.cssSelector(".timeline-events")).isEmpty());
    assertThat(browser.findElement(By.id("window")).getAttribute("value")).isEqualTo("6h");

    browser.findElement(By.cssSelector(".timeline-events summary")).click();

    assertThat(browser.findElement(By.cssSelector(".timeline-events")).getText())
        .contains(FleetFixtures.HOSTILE_MARKER);
    assertThat(browser.findElement(By.cssSelector(".host-side")).getText())
        .contains(TestIncidents.hostileTitle());
    assertThat(browser.findElements(By.cssSelector("#view img, #view script"))).isEmpty();
    assertThat(HeadlessBrowser.pwned(browser))
        .as("script injected through a kernel line ran")
        .isFalse();
  }

  @Test
  void shouldShowAHostileKernelVersionOnTheHostPageAsText() {
    open("#/hosts/" + FleetFixtures.HOSTILE_HOST);
    page.waitUntil(() -> !browser.findElements(By.cssSelector(".host-side")).isEmpty());

    assertThat(browser.findElement(By.cssSelector(".host-side .facts")).getText())
        .contains(FleetFixtures.HOSTILE_KERNEL);
    assertThat(browser.findElements(By.cssSelector("#view img, #view script"))).isEmpty();
    assertThat(HeadlessBrowser.pwned(browser))
        .as("script injected through a kernel version ran")
        .isFalse();
  }

  @Test
  void shouldChangeTheWindowOfTheTimeline() {
    open("#/hosts/dev-laptop-07");
    page.waitUntil(() -> !browser.findElements(By.cssSelector("svg .band")).isEmpty());

    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("window")))
        .selectByValue("1h");

    page.waitUntil(() -> browser.getCurrentUrl().endsWith("?window=1h"));
    page.waitUntil(
        () ->
            browser
                .findElement(By.cssSelector("svg.timeline-svg > title"))
                .getAttribute("textContent")
                .contains("last hour"));
    assertThat(browser.findElements(By.cssSelector("svg .marker"))).hasSize(4);
    HeadlessBrowser.screenshot(browser, "host-last-hour");
  }

  @Test
  void shouldFilterTheFleetAndShowAHostileHostNameAsText() {
    open("#/fleet");
    page.waitUntil(() -> texts("#fleet tbody tr").size() == 6);
    assertThat(texts("#fleet tr[data-host='ci-runner-1']"))
        .singleElement()
        .satisfies(t -> assertThat(t).contains(FleetFixtures.HOSTILE_KERNEL));
    assertThat(browser.findElements(By.cssSelector("#fleet script, #fleet img"))).isEmpty();
    assertThat(HeadlessBrowser.pwned(browser)).isFalse();
    HeadlessBrowser.screenshot(browser, "fleet");

    browser.findElement(By.xpath("//th/button[text()='Hangs 7 d']")).click();
    page.waitUntil(() -> texts("#fleet tbody tr").getFirst().startsWith("dev-laptop-07"));
    assertThat(
            browser
                .findElement(By.cssSelector("th[data-sort='hangs7d']"))
                .getDomAttribute("aria-sort"))
        .isEqualTo("descending");
    assertThat(browser.getCurrentUrl()).endsWith("#/fleet?sort=hangs7d");
    browser.findElement(By.xpath("//th/button[text()='Host']")).click();
    page.waitUntil(() -> texts("#fleet tbody tr").getFirst().startsWith("build-box-03"));

    browser.findElement(By.id("fleet-risk")).click();
    page.waitUntil(() -> texts("#fleet tbody tr").size() == 2);
    assertThat(texts("#fleet .risk .reasons li"))
        .satisfiesExactly(
            t -> assertThat(t).startsWith(FleetFixtures.GRADUAL_RISK + ": its setup matches"),
            t -> assertThat(t).startsWith(FleetFixtures.CGROUP_RISK + ": its setup matches"));
    browser.findElement(By.id("fleet-q")).sendKeys("box");
    page.waitUntil(() -> texts("#fleet tbody tr").size() == 1);
    assertThat(texts("#fleet tbody tr").getFirst()).contains("qa-box-11", "ok", "at risk");
    assertThat(browser.getCurrentUrl()).endsWith("#/fleet?atRisk=true&q=box");
  }

  @Test
  void shouldShowTheCohortsWithTheirFixAndTheMitigations() {
    open("#/cohorts");
    page.waitUntil(() -> texts("#cohorts tbody tr").size() == 4);

    assertThat(cohort("dd=4.42.0 reclaim=gradual rs=on"))
        .startsWith(
            "2.5.7.0 4.42.0 gradual on v2 2 1 1 50 % upgrade Fixed in Docker Desktop 4.42.1")
        .contains("this cohort runs 4.42.0, which is older: affected, upgrade.");
    assertThat(cohort("dd=4.43.1 reclaim=gradual rs=on"))
        .startsWith("2.5.7.0 4.43.1 gradual on v2 1 0 0 0 % fixed")
        .contains("this cohort runs 4.43.1, which has the fix");
    assertThat(cohort("dd=4.43.1 reclaim=disabled rs=off")).contains("0 %", "no fix known");
    assertThat(browser.findElement(By.linkText("docker/for-win#14656")).getAttribute("href"))
        .isEqualTo("https://github.com/docker/for-win/issues/14656");
    assertThat(texts("#mitigations tbody tr"))
        .containsExactly(
            "reclaim-disabled 3 7 hangs in 21 host-days (0.33 a day) 0 hangs in 14"
                + " host-days (0 a day)");
    HeadlessBrowser.screenshot(browser, "cohorts");
  }

  private String cohort(String part) {
    return browser
        .findElement(By.cssSelector("#cohorts tr[data-key='wsl=2.5.7.0 " + part + " cgroup=v2']"))
        .getText();
  }

  @Test
  void shouldTellTheDeveloperWhyTheirMachineHangsAndWhatToChange() {
    open("#/me?host=dev-laptop-07");
    page.waitUntil(() -> !browser.findElements(By.cssSelector(".my-incident")).isEmpty());

    assertThat(browser.findElement(By.cssSelector("#view .summary")).getText())
        .isEqualTo(
            "dev-laptop-07 hangs now: apt hung while Docker Desktop was in Resource Saver with"
                + " autoMemoryReclaim=gradual.");
    assertThat(texts(".steps li"))
        .contains(
            "Set autoMemoryReclaim=dropcache in the [experimental] section of .wslconfig, then run"
                + " wsl --shutdown.");
    assertThat(texts(".my-incident .title")).contains(TestIncidents.hostileTitle());
    assertThat(browser.findElements(By.cssSelector("#view img, #view script"))).isEmpty();
    assertThat(HeadlessBrowser.pwned(browser)).isFalse();
    assertThat(browser.findElement(By.linkText("Its timeline and versions")).getAttribute("href"))
        .endsWith("#/hosts/dev-laptop-07");
    HeadlessBrowser.screenshot(browser, "me");

    open("#/me?host=nobody-here");
    page.waitUntil(() -> browser.findElement(By.cssSelector("#view .error")).isDisplayed());
    assertThat(browser.findElement(By.cssSelector("#view .error")).getText())
        .isEqualTo("No host has the id 'nobody-here'; /api/hosts lists the hosts known.");
  }

  @Test
  void shouldLinkSearchHitsToTheirHostAndIncidentPages() {
    open("#/search?q=apt-get");
    page.waitUntil(() -> page.rows().size() == 1);
    WebElement hit = page.rows().getFirst();
    assertThat(hit.findElement(By.linkText("dev-laptop-07")).getAttribute("href"))
        .endsWith("#/hosts/dev-laptop-07");
    HeadlessBrowser.screenshot(browser, "search");

    hit.findElement(By.partialLinkText("apt hung while")).click();

    page.waitUntil(() -> !browser.findElements(By.cssSelector(".incident-head h2")).isEmpty());
    assertThat(browser.findElement(By.cssSelector(".incident-head h2")).getText())
        .startsWith("apt hung while Docker Desktop");
  }

  @Test
  void shouldReadOnAPhoneWithoutScrollingThePageSideways() {
    browser.manage().window().setSize(new Dimension(375, 800));
    for (String view : List.of("#/", "#/fleet", "#/hosts/dev-laptop-07", "#/alerts")) {
      open(view);
      page.waitUntil(() -> browser.findElement(By.id("live")).getText().equals("live"));
      page.waitUntil(() -> !browser.findElements(By.cssSelector("#view > *")).isEmpty());
      page.waitUntil(
          () ->
              browser.findElements(By.cssSelector("#view .view-status")).stream()
                  .allMatch(s -> !s.getText().startsWith("Loading")));
      // The elements that stick out past the screen's right edge, outside any box that scrolls.
      Object wide =
          ((JavascriptExecutor) browser)
              .executeScript(
                  "const out = [];for (const e of document.querySelectorAll('body *')) {  if"
                      + " (e.closest('.table-scroll, .timeline-scroll')) continue;  const r ="
                      + " e.getBoundingClientRect();  if (r.right > window.innerWidth + 1)"
                      + " out.push(e.tagName + '.' + e.className    + '#' + e.id + ' ' +"
                      + " Math.round(r.right));}return out;");
      assertThat((List<?>) wide).as("wider than the phone on %s", view).isEmpty();
      long overflow =
          (Long)
              ((JavascriptExecutor) browser)
                  .executeScript(
                      "return document.documentElement.scrollWidth - window.innerWidth;");
      assertThat(overflow)
          .as("the page is wider than the phone on %s", view)
          .isLessThanOrEqualTo(0);
      HeadlessBrowser.screenshot(
          browser,
          "phone-" + (view.length() <= 2 ? "overview" : view.substring(2).replace('/', '-')));
    }
  }
}
