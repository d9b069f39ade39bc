package dev.stallwatch.search;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.search.kb.Product;
import java.util.EnumMap;
import java.util.Map;

/**
 * The versions a host reported, per product, in the form {@link
 * dev.stallwatch.search.kb.VersionNote#check} weighs a known issue against: one place maps a host's
 * context to products, for incidents and for the fleet's hosts alike.
 */
public final class HostVersions {

  private HostVersions() {}

  /** Every product whose version the context names; blank versions are left out. */
  public static Map<Product, String> of(HostContext context) {
    Map<Product, String> out = new EnumMap<>(Product.class);
    putIfPresent(out, Product.WSL, context.wslVersion());
    putIfPresent(out, Product.DOCKER_DESKTOP, context.dockerDesktopVersion());
    putIfPresent(out, Product.KERNEL, context.kernelVersion());
    putIfPresent(out, Product.WINDOWS, context.windowsVersion());
    return out;
  }

  private static void putIfPresent(Map<Product, String> map, Product product, String value) {
    if (value != null && !value.isBlank()) {
      map.put(product, value);
    }
  }
}
