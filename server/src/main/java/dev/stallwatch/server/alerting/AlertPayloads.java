package dev.stallwatch.server.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The JSON both sinks send: Alertmanager's {@code POST /api/v2/alerts} body, and the body of
 * Alertmanager's own webhook notifications (version 4), so existing receivers accept ours.
 */
final class AlertPayloads {

  static final String RECEIVER = "stallwatch";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertPayloads() {}

  /**
   * {@code [{labels, annotations, startsAt, endsAt?, generatorURL}]}. A firing alert has no endsAt:
   * Alertmanager then keeps it active for its resolve_timeout after each re-send.
   */
  static byte[] alertmanager(List<AlertNotice> notices, URI dashboard) {
    ArrayNode array = JSON.createArrayNode();
    for (AlertNotice notice : notices) {
      ObjectNode alert = array.addObject();
      putAll(alert.putObject("labels"), AlertContent.labels(notice));
      putAll(alert.putObject("annotations"), AlertContent.annotations(notice));
      alert.put("startsAt", notice.alert().startsAt().toString());
      if (notice.resolved()) {
        alert.put("endsAt", endsAt(notice).toString());
      }
      alert.put("generatorURL", AlertContent.generatorUrl(dashboard, notice));
    }
    return bytes(array);
  }

  /** One alert as Alertmanager's webhook (version 4) would notify it, in a group of its own. */
  static byte[] webhook(AlertNotice notice, URI dashboard) {
    Map<String, String> labels = AlertContent.labels(notice);
    Map<String, String> annotations = AlertContent.annotations(notice);
    String status = notice.resolved() ? "resolved" : "firing";
    ObjectNode body = JSON.createObjectNode();
    body.put("version", "4");
    body.put(
        "groupKey",
        "{}:{host=\"%s\", rule=\"%s\"}".formatted(labels.get("host"), labels.get("rule")));
    body.put("truncatedAlerts", 0);
    body.put("status", status);
    body.put("receiver", RECEIVER);
    ObjectNode group = body.putObject("groupLabels");
    group.put("host", labels.get("host"));
    group.put("rule", labels.get("rule"));
    putAll(body.putObject("commonLabels"), labels);
    putAll(body.putObject("commonAnnotations"), annotations);
    body.put("externalURL", dashboard.toString());
    ObjectNode alert = body.putArray("alerts").addObject();
    alert.put("status", status);
    putAll(alert.putObject("labels"), labels);
    putAll(alert.putObject("annotations"), annotations);
    alert.put("startsAt", notice.alert().startsAt().toString());
    // Alertmanager's zero time for "not ended", which its receivers expect.
    alert.put("endsAt", notice.resolved() ? endsAt(notice).toString() : "0001-01-01T00:00:00Z");
    alert.put("generatorURL", AlertContent.generatorUrl(dashboard, notice));
    alert.put("fingerprint", fingerprint(labels));
    return bytes(body);
  }

  /** 16 hex digits identifying the label set, as Alertmanager's fingerprints do. */
  static String fingerprint(Map<String, String> labels) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      labels.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e -> {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0xff);
                digest.update(e.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0xff);
              });
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static Instant endsAt(AlertNotice notice) {
    Instant ends = notice.alert().endsAt();
    return ends != null ? ends : notice.alert().startsAt();
  }

  private static void putAll(ObjectNode node, Map<String, String> values) {
    values.forEach(node::put);
  }

  private static byte[] bytes(Object tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }
}
