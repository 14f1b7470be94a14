package dev.pinpipe.local.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in-process and captures what it prints. */
public final class PinpipeCommandAccess {

  public record Result(int exitCode, String out, String err) {
  }

  private PinpipeCommandAccess() {
  }

  public static Result run(String... args) {
    return run(CommandLine.defaultFactory(), args);
  }

  /** With {@code factory} making the commands, to set a command's test hooks. */
  public static Result run(CommandLine.IFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = PinpipeCommand.commandLine(factory);
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}
