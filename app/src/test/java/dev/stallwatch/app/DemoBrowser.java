package dev.stallwatch.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One session of Debian's headless Chromium on the dashboard: open a view, wait for what it shows,
 * read its text, and leave a screenshot under {@code target/screenshots/} for a reviewer.
 */
final class DemoBrowser implements AutoCloseable {

  /** What the hostile test text sets when the page runs it. */
  static final String PWNED = "window.__stallwatchPwned";

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final String base;

  /** A 1280x800 browser on the dashboard at {@code base}; fails with what to install. */
  DemoBrowser(String base) {
    Path chromium = onPath("chromium");
    Path chromedriver = onPath("chromedriver");
    if (chromium == null || chromedriver == null) {
      throw new AssertionError(
          "this test needs chromium and chromedriver on the PATH: install them with `sudo apt-get"
              + " install chromium chromium-driver`");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--window-size=1280,800");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    this.base = base;
  }

  /** Opens the view at {@code hash} ({@code #/fleet}) as a fresh page load. */
  void open(String hash) {
    driver.get(base + hash);
    driver.navigate().refresh();
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The text of the first element matching {@code css}, as shown. */
  String text(String css) {
    return read(() -> find(css).getText());
  }

  /** The text of each element matching {@code css}, as shown. */
  List<String> texts(String css) {
    return read(() -> all(css).stream().map(WebElement::getText).toList());
  }

  /** Every piece of text under the first match of {@code css}, shown or in a closed disclosure. */
  String allText(String css) {
    return read(() -> find(css).getDomProperty("textContent"));
  }

  /** Clicks the first match of {@code css}, once it is there. */
  void click(String css) {
    waitUntil(
        () -> {
          find(css).click();
          return true;
        });
  }

  /**
   * What {@code reading} returns, read again when the view redrew what it read in the meantime: the
   * views redraw as the event stream tells them of changes, and the demo's hosts change every few
   * seconds.
   */
  <T> T read(Supplier<T> reading) {
    AtomicReference<T> value = new AtomicReference<>();
    waitUntil(
        () -> {
          value.set(reading.get());
          return true;
        });
    return value.get();
  }

  String currentUrl() {
    return driver.getCurrentUrl();
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Whether the page ran the script the hostile test text tries to inject. */
  boolean pwned() {
    return script("return " + PWNED + ";") != null;
  }

  void waitUntil(BooleanSupplier condition) {
    new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .until(ignored -> condition.getAsBoolean());
  }

  /** Waits until something matches {@code css}. */
  void await(String css) {
    waitUntil(() -> !all(css).isEmpty());
  }

  /** Saves the whole page, also what lies below the window, as {@code NAME.png}. */
  void screenshot(String name) {
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0,
            "y", 0,
            "width", ((Number) size.get("width")).doubleValue(),
            "height", Math.min(((Number) size.get("height")).doubleValue(), 6000),
            "scale", 1);
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(
          SCREENSHOTS.resolve(name + ".png"),
          Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the screenshot " + name, e);
    }
  }

  private static Path onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
