package dev.pinpipe.operator.spark;

import dev.pinpipe.operator.model.Layout;
import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.PipelineRunSpec;
import dev.pinpipe.operator.model.RunStage;
import dev.pinpipe.operator.model.SparkExecutorSettings;
import dev.pinpipe.operator.model.SparkOverrides;
import dev.pinpipe.operator.model.SparkPodSettings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

import java.util.List;
import java.util.Map;

/** PipelineRuns for tests, as the API server would hand them to the operator. */
public final class TestRuns {

  private TestRuns() {
  }

  /** A run of {@code date} with every setting at its default, in namespace {@code pipelines}. */
  public static PipelineRun run(String name, String date) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("pipelines").withUid("6f1c1a52-" + name.length()).build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setDate(date);
    run.setSpec(spec);
    return run;
  }

  /** A run that sets everything a run can: stages, layout, allowIncomplete, driver, executor and sparkConf. */
  public static PipelineRun withEveryOverride(String name, String date) {
    PipelineRun run = run(name, date);
    PipelineRunSpec spec = run.getSpec();
    spec.setStages(List.of(RunStage.CLEAN, RunStage.REPORTS));
    spec.setLayout(Layout.DEFAULT);
    spec.setAllowIncomplete(true);
    SparkPodSettings driver = new SparkPodSettings();
    driver.setCores(2);
    driver.setMemory("3g");
    SparkExecutorSettings executor = new SparkExecutorSettings();
    executor.setCores(4);
    executor.setMemory("8g");
    executor.setInstances(6);
    SparkOverrides spark = new SparkOverrides();
    spark.setDriver(driver);
    spark.setExecutor(executor);
    spark.setSparkConf(Map.of("spark.sql.shuffle.partitions", "48", "spark.eventLog.enabled", "true"));
    spec.setSpark(spark);
    return run;
  }
}
