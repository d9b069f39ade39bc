package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium for the browser tests, and the screenshots they leave. */
final class HeadlessBrowser {

  // Found on the PATH, as .mvn/provision-test-peers.sh (run by `mvn verify`) looks for them.
  private static final Path CHROMIUM = onPath("chromium");
  private static final Path CHROMEDRIVER = onPath("chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private HeadlessBrowser() {}

  /** A browser with a 1280x800 window; fails with what to install when Chromium is missing. */
  static ChromeDriver start() {
    if (CHROMIUM == null || CHROMEDRIVER == null) {
      fail(
          "the browser tests need chromium and chromedriver on the PATH: install them with `sudo"
              + " apt-get install chromium chromium-driver` (`mvn -B verify` in the project root"
              + " does it for you)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--window-size=1280,800");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static Path onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
  }

  /**
   * Saves the whole page, also what lies below the window, as {@code target/screenshots/NAME.png},
   * for a reviewer.
   */
  static void screenshot(ChromeDriver browser, String name) {
    Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0,
            "y", 0,
            "width", ((Number) size.get("width")).doubleValue(),
            "height", Math.min(((Number) size.get("height")).doubleValue(), 6000),
            "scale", 1);
    Map<String, Object> shot =
        browser.executeCdpCommand(
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

  /** Whether the page ran the script that hostile test text tries to inject. */
  static boolean pwned(WebDriver browser) {
    return ((JavascriptExecutor) browser).executeScript("return " + TestIncidents.PWNED + ";")
        != null;
  }
}
