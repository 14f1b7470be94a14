package dev.pinpipe.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code -V} of every command: the project version the build put in the jar's manifest. */
public final class Versions implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Versions.class.getPackage().getImplementationVersion();
    return new String[] {"pinpipe " + (version == null ? "(development build)" : version)};
  }
}
