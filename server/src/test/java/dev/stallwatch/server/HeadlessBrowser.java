package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
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

  /** Saves what the browser shows as {@code target/screenshots/NAME.png}, for a reviewer. */
  static void screenshot(WebDriver browser, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
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
