package dev.pinpipe.operator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names the operator derives from other names (runs from schedules, applications from runs, label
 * values), kept within Kubernetes' length limits deterministically: a name too long keeps its start
 * and gets 8 hex digits of the SHA-256 of the whole, so two long names stay apart.
 */
public final class ResourceNames {

  public static final int HASH_LENGTH = 8;

  private ResourceNames() {
  }

  /** {@code name} itself when it fits in {@code max} characters, else {@link #hashed(String, String, int)} of it. */
  public static String shorten(String name, int max) {
    return name.length() <= max ? name : hashed(name, name, max);
  }

  /**
   * The start of {@code prefix}, a "-" and the hash of {@code hashOf}, in {@code length} characters
   * at most; the start loses any "-" or "." that would stand next to the added "-".
   */
  public static String hashed(String prefix, String hashOf, int length) {
    String start = prefix.substring(0, Math.min(prefix.length(), length - HASH_LENGTH - 1));
    int end = start.length();
    while (end > 0 && !Character.isLetterOrDigit(start.charAt(end - 1))) {
      end--;
    }
    return start.substring(0, end) + "-" + hash(hashOf);
  }

  static String hash(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
