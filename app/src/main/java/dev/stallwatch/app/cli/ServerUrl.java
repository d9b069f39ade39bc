package dev.stallwatch.app.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a stallwatch server's address: an absolute {@code http} or {@code https} URL with a host
 * and, if any, a port from 1 to 65535. Checked here so that a URL the HTTP client would refuse is a
 * usage error, not a failure halfway through a command.
 */
final class ServerUrl implements ITypeConverter<URI> {

  private static final String EXAMPLE = " (e.g. http://127.0.0.1:8080)";

  @Override
  public URI convert(String value) {
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new TypeConversionException("'" + value + "' is not a URL: " + e.getReason() + EXAMPLE);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new TypeConversionException(
          "'" + value + "' is not an http:// or https:// URL" + EXAMPLE);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new TypeConversionException("'" + value + "' names no host" + EXAMPLE);
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      throw new TypeConversionException(
          "'" + value + "': the port must be from 1 to 65535, was " + uri.getPort());
    }
    return uri;
  }
}
