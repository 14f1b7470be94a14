package dev.pinpipe.local.cli;

import dev.pinpipe.local.runtime.DataDirectoryLock;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A process that holds a data directory until it is signalled, as {@code serve} does: for {@code stop} to stop. */
public final class LockHolder {

  public static void main(String[] args) throws InterruptedException {
    DataDirectoryLock lock = DataDirectoryLock.acquire(Path.of(args[0]), "pinpipe serve (a test's holder)");
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(lock::close));
    System.out.println("locked");
    System.out.flush();
    forever.await();
  }
}
