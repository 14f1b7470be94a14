package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pinpipe.contracts.RawLayout;

/** The S3 sink's partitioner, as the resource spells it. */
public enum Layout {
  @JsonProperty("daily")
  DAILY(RawLayout.DAILY),
  @JsonProperty("default")
  DEFAULT(RawLayout.DEFAULT);

  private final RawLayout rawLayout;

  Layout(RawLayout rawLayout) {
    this.rawLayout = rawLayout;
  }

  public RawLayout rawLayout() {
    return rawLayout;
  }
}
