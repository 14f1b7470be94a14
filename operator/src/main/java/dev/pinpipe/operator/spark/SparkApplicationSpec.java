package dev.pinpipe.operator.spark;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The SparkApplication's spec, v1beta2 (filled in by the next change). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkApplicationSpec {
}
