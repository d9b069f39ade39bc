package dev.stallwatch.search;

import dev.stallwatch.search.kb.Product;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product versions someone typed into a search, so known issues can say whether they apply:
 * {@code docker 4.42} or {@code Docker Desktop 4.42.0} is Docker Desktop, {@code wsl 2.5.7.0} is
 * WSL, {@code kernel 6.6.87.1} the kernel. A version with no product word before it is read by its
 * shape: {@code 4.NN} is Docker Desktop, {@code 2.N.N} WSL, {@code 5.N.N} or {@code 6.N.N} the
 * kernel, {@code 10.0.N} Windows.
 */
final class QueryVersions {

  private static final Pattern VERSION =
      Pattern.compile(
          "(?i)(?:\\b(docker(?:\\s+desktop)?|wsl|kernel|windows)\\s+(?:version\\s+)?)?"
              + "(?<![\\w.])v?(\\d{1,2}\\.\\d{1,3}(?:\\.\\d{1,6}){0,2})(?![\\w.]*\\d)");

  private QueryVersions() {}

  static Map<Product, String> of(String text) {
    Map<Product, String> out = new EnumMap<>(Product.class);
    Matcher m = VERSION.matcher(text == null ? "" : text);
    while (m.find()) {
      String version = m.group(2);
      Product product =
          m.group(1) != null ? named(m.group(1).toLowerCase(Locale.ROOT)) : byShape(version);
      if (product != null) {
        out.putIfAbsent(product, version);
      }
    }
    return out;
  }

  private static Product named(String word) {
    if (word.startsWith("docker")) {
      return Product.DOCKER_DESKTOP;
    }
    return switch (word) {
      case "wsl" -> Product.WSL;
      case "kernel" -> Product.KERNEL;
      default -> Product.WINDOWS;
    };
  }

  private static Product byShape(String version) {
    String[] parts = version.split("\\.");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    if (major == 4 && minor >= 10 && parts.length <= 3) {
      return Product.DOCKER_DESKTOP;
    }
    if (major == 2 && minor < 10 && parts.length >= 3) {
      return Product.WSL;
    }
    if ((major == 5 || major == 6) && parts.length >= 3) {
      return Product.KERNEL;
    }
    if (major == 10 && minor == 0 && parts.length >= 3) {
      return Product.WINDOWS;
    }
    return null;
  }
}
