package dev.stallwatch.server.alerting;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import java.util.Objects;

/**
 * An alert from {@code stallwatch.alerts} with the incident it came from, whose context and known
 * issues fill the labels and annotations.
 *
 * @param incident null when the incident was never seen; the alert is then sent with what it
 *     carries itself
 */
public record AlertNotice(Alert alert, Incident incident) {

  public AlertNotice {
    Objects.requireNonNull(alert, "alert");
  }

  public boolean resolved() {
    return alert.status() == Alert.Status.RESOLVED;
  }
}
