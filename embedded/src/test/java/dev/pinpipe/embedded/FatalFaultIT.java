package dev.pinpipe.embedded;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka halts the JVM on a fatal fault (no shutdown hooks run); once the embedded broker has set
 * its halt procedure, the process's children stop first: no orphan MariaDB.
 */
class FatalFaultIT {

  @Test
  void aProcessHaltedByKafkaStopsItsChildProcessesFirst() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process halting = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        HaltingProcess.class.getName())).redirectErrorStream(true).start();
    long childPid;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(halting.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      assertThat(first).as("the child's PID").matches("\\d+");
      childPid = Long.parseLong(first);
      assertThat(halting.waitFor(60, TimeUnit.SECONDS)).as("halted").isTrue();
    }

    try {
      assertThat(halting.exitValue()).isEqualTo(1);
      assertThat(ProcessHandle.of(childPid).filter(ProcessHandle::isAlive)).as("child " + childPid + " after the halt").isEmpty();
    } finally {
      ProcessHandle.of(childPid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
