package dev.stallwatch.collector;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The id a machine's events carry as their host and Kafka key: stable across restarts and renames,
 * and never empty.
 */
public final class HostIds {

  private static final Logger LOG = LoggerFactory.getLogger(HostIds.class);
  // machine-id(5): 32 lowercase hex digits; systemd writes "uninitialized" during first boot.
  private static final Pattern MACHINE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final String UNSET = "uninitialized";
  private static final String APP_KEY = "stallwatch host id";

  private HostIds() {}

  /**
   * Derived from {@code etc/machine-id} under the root when it holds a machine id, else the local
   * hostname. machine-id(5) asks applications not to send the id itself, so it is hashed with an
   * application key (HMAC-SHA256, 32 hex digits): stable, but not the raw id.
   */
  public static String stable(Path root) {
    return machineId(root.resolve("etc/machine-id"))
        .map(HostIds::hashed)
        .orElseGet(HostIds::hostname);
  }

  private static Optional<String> machineId(Path file) {
    try {
      Optional<String> text = SourceFiles.readIfPresent(file, 4096).map(String::strip);
      boolean expected = text.isEmpty() || text.get().isEmpty() || text.get().equals(UNSET);
      if (!expected && !MACHINE_ID.matcher(text.get()).matches()) {
        LOG.warn("{} does not hold a machine id; using the hostname", file);
      }
      return text.filter(id -> MACHINE_ID.matcher(id).matches());
    } catch (IOException e) {
      LOG.warn("cannot read {}; using the hostname: {}", file, e.toString());
      return Optional.empty();
    }
  }

  static String hashed(String machineId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(machineId.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      byte[] digest = mac.doFinal(APP_KEY.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String hostname() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      if (name != null && !name.isBlank()) {
        return name;
      }
    } catch (IOException e) {
      LOG.warn("cannot resolve the local hostname: {}", e.toString());
    }
    String env = System.getenv("HOSTNAME");
    return env != null && !env.isBlank() ? env.strip() : "localhost";
  }
}
