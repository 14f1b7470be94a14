package dev.pinpipe.cli;

import dev.pinpipe.config.ConfigKeys;

/** A program's top-level command: the configuration keys its commands accept ({@link ConfigOptions#source}). */
public interface ConfiguredProgram {

  ConfigKeys configKeys();
}
