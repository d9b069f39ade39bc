package dev.stallwatch.server.alerting;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a sink posts, and the credentials it sends. Credentials never leave this class except in
 * the {@code Authorization} header: {@link #toString()} and {@link #target()} show the URL without
 * them, so logs and metrics cannot leak them.
 */
public final class Endpoint {

  private final URI url;
  private final String authorization;

  private Endpoint(URI url, String authorization) {
    this.url = url;
    this.authorization = authorization;
  }

  /**
   * An endpoint from a URL as a user typed it; {@code user:password@} in it becomes basic auth.
   *
   * @throws IllegalArgumentException naming the URL without its credentials
   */
  public static Endpoint of(String url) {
    URI parsed;
    try {
      parsed = new URI(Objects.requireNonNull(url, "url").trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + redact(url));
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || parsed.getHost() == null) {
      throw new IllegalArgumentException(
          "an alert URL must be http:// or https:// with a host: " + redact(url));
    }
    String userInfo = parsed.getRawUserInfo();
    URI bare = withoutUserInfo(parsed);
    if (userInfo == null) {
      return new Endpoint(bare, null);
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    return new Endpoint(bare, basic(user, password));
  }

  /** The same URL with basic auth (which replaces any credentials from the URL). */
  public Endpoint withBasicAuth(String user, String password) {
    return new Endpoint(url, basic(user, password));
  }

  /** The same URL with {@code Authorization: Bearer TOKEN}. */
  public Endpoint withBearerToken(String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("the bearer token for " + url + " is empty");
    }
    return new Endpoint(url, "Bearer " + token.strip());
  }

  public URI url() {
    return url;
  }

  /** The value of the {@code Authorization} header, if any. Never log it. */
  Optional<String> authorization() {
    return Optional.ofNullable(authorization);
  }

  /** The URL without credentials. */
  public String target() {
    return url.toString();
  }

  @Override
  public String toString() {
    return authorization == null ? target() : target() + " (with credentials)";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Endpoint e
        && e.url.equals(url)
        && Objects.equals(e.authorization, authorization);
  }

  @Override
  public int hashCode() {
    return url.hashCode();
  }

  /** The text with any {@code user:password@} part of a URL in it replaced, for messages. */
  static String redact(String text) {
    return text == null ? "null" : text.replaceAll("(?<=://)[^/@\\s]*@", "***@");
  }

  private static String basic(String user, String password) {
    String pair = user + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String part) {
    return java.net.URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static URI withoutUserInfo(URI uri) {
    try {
      return new URI(
          uri.getScheme(),
          null,
          uri.getHost(),
          uri.getPort(),
          uri.getPath(),
          uri.getQuery(),
          uri.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + redact(uri.toString()), e);
    }
  }
}
