package dev.pinpipe.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

public final class Ports {

  private Ports() {
  }

  /** A port free right now; {@code count} consecutive ones when a service takes port and port + 1. */
  public static int free(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base;
      try (ServerSocket socket = new ServerSocket(0)) {
        base = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (base + count < 65535 && allFree(base, count)) {
        return base;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports found");
  }

  public static int free() {
    return free(1);
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      try (ServerSocket ignored = new ServerSocket(port)) {
        // free
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
