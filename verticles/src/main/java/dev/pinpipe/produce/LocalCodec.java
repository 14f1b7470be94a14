package dev.pinpipe.produce;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes an object through the (non-clustered) event bus by reference: no serialisation inside
 * one JVM. The messages are immutable records, so sharing them is safe.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

  private final String name;

  private LocalCodec(Class<T> type) {
    this.name = "local-" + type.getName();
  }

  /** Registers the produce request and reply codecs once per Vert.x instance. */
  public static void registerProduceCodecs(Vertx vertx) {
    register(vertx, ProduceRequest.class);
    register(vertx, ProduceReply.class);
  }

  private static <T> void register(Vertx vertx, Class<T> type) {
    synchronized (vertx) {
      try {
        vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
      } catch (IllegalStateException alreadyRegistered) {
        // Another verticle instance of this Vert.x registered it first.
      }
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    throw new IllegalStateException("pinpipe's event bus is local only; " + name + " never goes on the wire");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new IllegalStateException("pinpipe's event bus is local only; " + name + " never comes off the wire");
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
