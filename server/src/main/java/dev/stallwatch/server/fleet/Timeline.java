package dev.stallwatch.server.fleet;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One host's recent history over a window, as {@code /api/hosts/{id}} answers it: downsampled
 * series, bands of states that last (Resource Saver, engine not answering) and markers of single
 * events. Incident spans are added by the API, which reads them from the index.
 *
 * @param stepSeconds how much time each point of a series stands for
 * @param series per name ({@code memAvailableBytes}, {@code pageCacheBytes}, {@code psiIoAvg10})
 *     one point per step of the window, oldest first
 */
public record Timeline(
    Instant from,
    Instant to,
    long stepSeconds,
    Map<String, List<Point>> series,
    List<Band> bands,
    List<Marker> markers) {

  public Timeline {
    series = Map.copyOf(series);
    bands = List.copyOf(bands);
    markers = List.copyOf(markers);
  }

  /**
   * One step of a series, written {@code [epochMillis, value]}; the value is null when the host
   * sent nothing for that step, so a chart shows a gap instead of a made-up line.
   */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"at", "value"})
  public record Point(long at, Number value) {}

  /**
   * A state that lasted.
   *
   * @param kind {@code resource-saver} or {@code engine-down}
   * @param from when it began, or the window's start when it began earlier or before the history
   * @param to when it ended; null while it lasts
   * @param label what showed it, as the host said it
   */
  public record Band(
      String kind,
      Instant from,
      @JsonInclude(JsonInclude.Include.ALWAYS) Instant to,
      String label) {}

  /**
   * One event worth a mark on the picture.
   *
   * @param kind the telemetry type ({@code reclaim}, {@code hung_task}, {@code io_stall}, ...)
   * @param text what the machine said, shortened
   */
  public record Marker(String kind, Instant at, String text) {}
}
