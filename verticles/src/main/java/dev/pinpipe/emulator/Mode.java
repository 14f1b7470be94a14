package dev.pinpipe.emulator;

import java.util.Locale;

/** How the emulator posts. */
public enum Mode {
  /** As the original client: three REST Proxy v2 requests of one record each, to the pin, geo and user topics. */
  REST_PROXY,
  /** Batches of posts to {@code POST /posts}. */
  POSTS;

  public static Mode parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "rest-proxy" -> REST_PROXY;
      case "posts" -> POSTS;
      default -> throw new IllegalArgumentException("unknown mode '" + name + "'; use rest-proxy or posts");
    };
  }
}
