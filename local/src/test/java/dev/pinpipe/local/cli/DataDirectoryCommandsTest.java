package dev.pinpipe.local.cli;

import dev.pinpipe.local.runtime.DataDirectoryLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code status}, {@code stop} and {@code reset} on a data directory. */
class DataDirectoryCommandsTest {

  @TempDir
  Path dir;

  private Path dataDir() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("kafka/pinpipe.pin-0"));
    Files.write(data.resolve("kafka/pinpipe.pin-0/00000.log"), new byte[2048]);
    Files.createDirectories(data.resolve("s3/pinpipe"));
    Files.write(data.resolve("s3/pinpipe/object.json"), new byte[100]);
    return data;
  }

  @Test
  void statusNamesTheProcessHoldingTheDirectoryAndWhatEachPartHolds() throws Exception {
    Path data = dataDir();
    try (DataDirectoryLock held = DataDirectoryLock.acquire(data, "pinpipe serve --data-dir data")) {
      PinpipeCommandAccess.Result status = PinpipeCommandAccess.run("status", "--data-dir", data.toString());

      assertThat(status.exitCode()).isZero();
      assertThat(status.out()).contains("pinpipe status: " + data)
          .contains("in use by process " + ProcessHandle.current().pid())
          .contains("(pinpipe serve --data-dir data), running since ")
          .contains("`./pinpipe stop` stops it")
          .containsPattern("kafka/ +2\\.0 KiB")
          .containsPattern("s3/ +100 B")
          .containsPattern("total +2\\.1 KiB");
    }
  }

  @Test
  void statusSaysTheLastHolderHasEndedAndAMissingDirectoryHasNothing() throws Exception {
    Path data = dataDir();
    DataDirectoryLock.acquire(data, "pinpipe run").close();

    assertThat(PinpipeCommandAccess.run("status", "--data-dir", data.toString()).out())
        .contains("not in use: the last was process " + ProcessHandle.current().pid()).contains("(pinpipe run), started at ")
        .contains("which has ended");
    assertThat(PinpipeCommandAccess.run("status", "--data-dir", dir.resolve("nope").toString()).out())
        .contains("does not exist: nothing has run there yet");
  }

  @Test
  void stopReportsAStaleLockAsNothingToStop() throws Exception {
    Path data = dataDir();
    DataDirectoryLock.acquire(data, "pinpipe serve").close();

    PinpipeCommandAccess.Result stop = PinpipeCommandAccess.run("stop", "--data-dir", data.toString());

    assertThat(stop.exitCode()).isZero();
    assertThat(stop.out()).contains("nothing runs on " + data).contains("(pinpipe serve)").contains("a stale lock");
  }

  @Test
  void stopSignalsTheHoldingProcessAndWaitsUntilItHasEnded() throws Exception {
    Path data = dataDir();
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), data.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("locked");

      PinpipeCommandAccess.Result stop = PinpipeCommandAccess.run("stop", "--data-dir", data.toString());

      assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
      assertThat(stop.out()).contains("asking process " + holder.pid() + " (pinpipe serve (a test's holder))")
          .contains("process " + holder.pid() + " stopped after");
      assertThat(holder.isAlive()).isFalse();
      assertThat(DataDirectoryLock.owner(data)).hasValueSatisfying(owner -> assertThat(owner.holding()).isFalse());
    } finally {
      holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void resetIsRefusedWhileAProcessHoldsTheDirectory() throws Exception {
    Path data = dataDir();
    try (DataDirectoryLock held = DataDirectoryLock.acquire(data, "pinpipe serve")) {
      PinpipeCommandAccess.Result reset = PinpipeCommandAccess.run("reset", "--yes", "--data-dir", data.toString());

      assertThat(reset.exitCode()).isEqualTo(1);
      assertThat(reset.err()).contains("is in use by process " + ProcessHandle.current().pid());
      assertThat(data.resolve("kafka/pinpipe.pin-0/00000.log")).exists();
    }
  }

  @Test
  void resetRemovesTheDataWhenTheDirectorysNameIsTypedAndNothingOtherwise() throws Exception {
    Path data = dataDir();

    PinpipeCommandAccess.Result declined = reset(data, "no");
    assertThat(declined.exitCode()).isEqualTo(1);
    assertThat(declined.out()).contains("this removes everything in " + data + " (kafka/ 2.0 KiB, s3/ 100 B)")
        .contains("Type the directory's name (data) or yes").contains("not confirmed; nothing removed");
    assertThat(data.resolve("s3/pinpipe/object.json")).exists();

    PinpipeCommandAccess.Result confirmed = reset(data, "data");
    assertThat(confirmed.exitCode()).isZero();
    assertThat(confirmed.out()).contains("removed kafka/, s3/ from " + data);
    try (var left = Files.list(data)) {
      assertThat(left.map(path -> path.getFileName().toString()).toList()).isEqualTo(List.of(".lock"));
    }
  }

  @Test
  void resetWithYesAsksNothing() throws Exception {
    Path data = dataDir();

    PinpipeCommandAccess.Result reset = PinpipeCommandAccess.run("reset", "--yes", "--data-dir", data.toString());

    assertThat(reset.exitCode()).isZero();
    assertThat(reset.out()).doesNotContain("Type").contains("removed kafka/, s3/");
    assertThat(data.resolve("kafka")).doesNotExist();
  }

  @Test
  void whileResetAwaitsItsConfirmationNoCommandCanStartOnTheDirectory() throws Exception {
    Path data = dataDir();
    List<String> refusals = new ArrayList<>();

    // The dangerous interleaving: a serve starting between reset's listing and its removal.
    PinpipeCommandAccess.Result reset = reset(data, () -> {
      try (DataDirectoryLock started = DataDirectoryLock.acquire(data, "pinpipe serve")) {
        refusals.add("none: serve took the directory");
      } catch (IllegalStateException refused) {
        refusals.add(refused.getMessage());
      }
      return "yes";
    });

    assertThat(refusals).singleElement().asString().contains("is in use by process " + ProcessHandle.current().pid(), "pinpipe reset");
    assertThat(reset.exitCode()).isZero();
    assertThat(data.resolve("kafka")).doesNotExist();
  }

  @Test
  void resetRemovesALinkInTheDirectoryButNeverWhatItPointsAt() throws Exception {
    Path data = dataDir();
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("keep.json"), "{}");
    Files.createSymbolicLink(data.resolve("s3/linked"), elsewhere);

    assertThat(PinpipeCommandAccess.run("reset", "--yes", "--data-dir", data.toString()).exitCode()).isZero();

    assertThat(data.resolve("s3")).doesNotExist();
    assertThat(elsewhere.resolve("keep.json")).hasContent("{}");
  }

  private static PinpipeCommandAccess.Result reset(Path data, String typed) {
    return reset(data, () -> typed);
  }

  private static PinpipeCommandAccess.Result reset(Path data, Supplier<String> answer) {
    CommandLine.IFactory answering = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K command = CommandLine.defaultFactory().create(type);
        if (command instanceof ResetCommand reset) {
          reset.answer = answer;
        }
        return command;
      }
    };
    return PinpipeCommandAccess.run(answering, "reset", "--data-dir", data.toString());
  }
}
