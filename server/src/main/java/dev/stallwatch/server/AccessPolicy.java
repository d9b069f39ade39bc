package dev.stallwatch.server;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.UnauthorizedResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Who may ask the server what. With no credentials configured (the default, on loopback only)
 * everyone on this machine may do everything. With a bearer token or basic-auth credentials, a
 * request from another machine needs them for every route, and a request that changes state ({@code
 * POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) needs them from anywhere, loopback included,
 * so an acknowledgement or a silence always has an authorised author.
 *
 * <p>Secrets are compared in constant time and never appear in {@link #toString()} or in any
 * message.
 */
public final class AccessPolicy {

  /** The realm in {@code WWW-Authenticate}. */
  static final String REALM = "stallwatch";

  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** Everyone on this machine may do everything: fit for a loopback-only server. */
  public static final AccessPolicy OPEN = new AccessPolicy(null, null, null);

  private final byte[] bearerToken;
  private final String basicUser;
  private final byte[] basicCredentials;

  private AccessPolicy(String bearerToken, String basicUser, String basicPassword) {
    this.bearerToken = bearerToken == null ? null : bearerToken.getBytes(StandardCharsets.UTF_8);
    this.basicUser = basicUser;
    this.basicCredentials =
        basicUser == null
            ? null
            : (basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A policy requiring {@code Authorization: Bearer TOKEN} or basic auth, whichever is given.
   *
   * @param bearerToken the token, or null for none
   * @param basicUserAndPassword {@code user:password}, or null for none
   * @throws IllegalArgumentException if both are null, or one is empty or malformed
   */
  public static AccessPolicy requiring(String bearerToken, String basicUserAndPassword) {
    if (bearerToken == null && basicUserAndPassword == null) {
      throw new IllegalArgumentException("give a bearer token or basic-auth credentials");
    }
    if (bearerToken != null && (bearerToken.isBlank() || bearerToken.strip() != bearerToken)) {
      throw new IllegalArgumentException(
          "the bearer token is empty or has spaces around it; give the token alone");
    }
    String user = null;
    String password = null;
    if (basicUserAndPassword != null) {
      int colon = basicUserAndPassword.indexOf(':');
      if (colon < 1 || colon == basicUserAndPassword.length() - 1) {
        throw new IllegalArgumentException(
            "basic-auth credentials must be one line 'user:password', both non-empty");
      }
      user = basicUserAndPassword.substring(0, colon);
      password = basicUserAndPassword.substring(colon + 1);
    }
    return new AccessPolicy(bearerToken, user, password);
  }

  /** Whether any credentials are configured. */
  public boolean requiresCredentials() {
    return bearerToken != null || basicCredentials != null;
  }

  /**
   * Whether a request needs credentials: never when none are configured; otherwise always from
   * another machine, and for a state-changing method from anywhere.
   */
  public boolean needsCredentials(String method, String remoteAddress) {
    if (!requiresCredentials()) {
      return false;
    }
    return STATE_CHANGING.contains(method.toUpperCase(Locale.ROOT)) || !isLoopback(remoteAddress);
  }

  /** Whether an {@code Authorization} header value carries the configured credentials. */
  public boolean accepts(String authorization) {
    if (authorization == null) {
      return false;
    }
    if (bearerToken != null && startsWithScheme(authorization, "Bearer")) {
      return constantTimeEquals(bearerToken, authorization.substring(7).strip());
    }
    if (basicCredentials != null && startsWithScheme(authorization, "Basic")) {
      try {
        byte[] given = Base64.getDecoder().decode(authorization.substring(6).strip());
        return MessageDigest.isEqual(basicCredentials, given);
      } catch (IllegalArgumentException notBase64) {
        return false;
      }
    }
    return false;
  }

  /**
   * Refuses a request that needs credentials and lacks them: 401 with {@code WWW-Authenticate}. The
   * server runs it before every route; routes of other packages may call it again.
   */
  public void requireAuthorized(Context ctx) {
    if (needsCredentials(ctx.method().name(), ctx.req().getRemoteAddr())
        && !accepts(ctx.header(Header.AUTHORIZATION))) {
      ctx.header(Header.WWW_AUTHENTICATE, challenge());
      throw new UnauthorizedResponse(
          "This request needs the server's credentials: send 'Authorization: Bearer TOKEN'"
              + (basicCredentials == null ? "" : " or basic auth")
              + ".");
    }
  }

  /**
   * Who made a request, for an audit trail: the basic-auth user, {@code token} for the bearer
   * token, or {@code local} for an unauthenticated request from this machine.
   */
  public String caller(Context ctx) {
    String authorization = ctx.header(Header.AUTHORIZATION);
    if (accepts(authorization)) {
      return startsWithScheme(authorization, "Basic") ? basicUser : "token";
    }
    return isLoopback(ctx.req().getRemoteAddr()) ? "local" : "anonymous";
  }

  /** Whether an address is this machine's loopback; names are not looked up. */
  public static boolean isLoopback(String address) {
    if (address == null || address.isEmpty()) {
      return false;
    }
    String literal =
        address.startsWith("[") && address.endsWith("]")
            ? address.substring(1, address.length() - 1)
            : address;
    try {
      // A literal is parsed, not looked up; a name (localhost) is resolved as for binding.
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private String challenge() {
    return bearerToken != null
        ? "Bearer realm=\"" + REALM + "\""
        : "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";
  }

  private static boolean startsWithScheme(String authorization, String scheme) {
    return authorization.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1);
  }

  private static boolean constantTimeEquals(byte[] expected, String given) {
    return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    if (!requiresCredentials()) {
      return "AccessPolicy[open]";
    }
    return "AccessPolicy[bearer=%s, basicUser=%s]"
        .formatted(bearerToken != null ? "set" : "none", basicUser == null ? "none" : basicUser);
  }
}
