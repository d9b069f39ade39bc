package dev.stallwatch.app.diagnose;

/**
 * One thing {@code collect --capture} wrote or left out.
 *
 * @param path the path inside the capture
 * @param bytes its size when written
 * @param note why it was left out, or a remark on what was written (null for none)
 */
public record CaptureItem(String path, boolean written, long bytes, String note) {

  static CaptureItem written(String path, long bytes, String note) {
    return new CaptureItem(path, true, bytes, note);
  }

  static CaptureItem skipped(String path, String why) {
    return new CaptureItem(path, false, 0, why);
  }
}
