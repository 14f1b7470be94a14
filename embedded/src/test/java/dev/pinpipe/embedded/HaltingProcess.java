package dev.pinpipe.embedded;


import org.apache.kafka.common.utils.Exit;

/**
 * A process that starts a child, then halts as Kafka does on a fatal fault, with the halt
 * procedure {@link EmbeddedKafka} installs. Prints the child's PID first.
 */
public final class HaltingProcess {

  private HaltingProcess() {
  }

  public static void main(String[] args) throws Exception {
    EmbeddedKafka.stopChildProcessesBeforeHalting();
    Process child = new ProcessBuilder("sleep", "600").start();
    System.out.println(child.pid());
    System.out.flush();
    Exit.halt(1, "a fatal fault, as when the controller cannot bind");
  }
}
