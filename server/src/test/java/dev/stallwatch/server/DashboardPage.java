package dev.stallwatch.server;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard as a reader sees it: rows by incident id, their panels, the status line. */
final class DashboardPage {

  private final WebDriver driver;

  DashboardPage(WebDriver driver) {
    this.driver = driver;
  }

  /** Scrolls the incident's evidence list to {@code top} (unless negative); returns where it is. */
  long scrollEvidence(String id, int top) {
    Object at =
        ((JavascriptExecutor) driver)
            .executeScript(
                "const list = document.querySelector(`tr[data-id='${arguments[0]}'] .evidence`);"
                    + "if (arguments[1] >= 0) { list.scrollTop = arguments[1]; }"
                    + "return Math.round(list.scrollTop);",
                id,
                top);
    return ((Number) at).longValue();
  }

  WebElement rowOf(String id) {
    return driver.findElement(By.cssSelector("#incidents tr[data-id='" + id + "']"));
  }

  WebElement panel(String id, String name) {
    return rowOf(id).findElement(By.cssSelector("details[data-panel='" + name + "']"));
  }

  List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#incidents tbody tr"));
  }

  void search(String text) {
    driver.findElement(By.id("q")).sendKeys(text);
    driver.findElement(By.cssSelector("#search button[type=submit]")).click();
  }

  void waitUntil(BooleanSupplier condition) {
    waitUntil(condition, Duration.ofSeconds(10));
  }

  /** Waits for {@code condition}, asking again when an element read a moment ago was replaced. */
  void waitUntil(BooleanSupplier condition, Duration timeout) {
    new WebDriverWait(driver, timeout)
        .ignoring(StaleElementReferenceException.class)
        .until(ignored -> condition.getAsBoolean());
  }

  /** The page's scheme, host and port, e.g. {@code http://127.0.0.1:41234}. */
  String origin() {
    return (String) ((JavascriptExecutor) driver).executeScript("return window.location.origin;");
  }

  String status() {
    return driver.findElement(By.id("status")).getText();
  }

  int refreshes() {
    String count = driver.findElement(By.id("status")).getDomAttribute("data-refreshes");
    return count == null ? 0 : Integer.parseInt(count);
  }
}
