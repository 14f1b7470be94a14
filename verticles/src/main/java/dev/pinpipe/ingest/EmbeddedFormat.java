package dev.pinpipe.ingest;

import java.util.Locale;

/** How keys and values are embedded in a REST Proxy v2 request, chosen by Content-Type. */
public enum EmbeddedFormat {
  /** Keys and values are JSON; they are sent to Kafka as compact JSON text. */
  JSON,
  /** Keys and values are base64 strings; they are sent to Kafka as the decoded bytes. */
  BINARY;

  /** The format of a Content-Type header, parameters (charset) ignored. */
  public static EmbeddedFormat fromContentType(String contentType) {
    if (contentType == null) {
      throw ApiError.unsupportedMediaType("").exception();
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return switch (mediaType) {
      case "application/vnd.kafka.json.v2+json", "application/json" -> JSON;
      case "application/vnd.kafka.binary.v2+json" -> BINARY;
      default -> throw ApiError.unsupportedMediaType(contentType).exception();
    };
  }
}
