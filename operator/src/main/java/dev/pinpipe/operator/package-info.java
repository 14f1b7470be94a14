/**
 * The pinpipe Kubernetes operator: reconciles {@code PipelineRun} and {@code PipelineSchedule}
 * resources into spark-operator {@code SparkApplication}s. Not built yet; see the issue tracker.
 */
package dev.pinpipe.operator;
