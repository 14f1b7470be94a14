package dev.pinpipe.operator.spark;

import dev.pinpipe.operator.model.PipelineRun;
import dev.pinpipe.operator.model.RunStage;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** TEMPORARY (replaced by the factory of the next change). */
public class SparkApplicationFactory {

  public SparkApplication create(PipelineRun run, RunStage stage, int attempt) {
    SparkApplication app = new SparkApplication();
    app.getMetadata().setName(name(run.getMetadata().getName(), stage, attempt));
    app.getMetadata().setNamespace(run.getMetadata().getNamespace());
    app.getMetadata().setOwnerReferences(java.util.List.of(new OwnerReferenceBuilder().withApiVersion(run.getApiVersion())
        .withKind(run.getKind()).withName(run.getMetadata().getName()).withUid(run.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build()));
    app.setSpec(new SparkApplicationSpec());
    return app;
  }

  public static String name(String runName, RunStage stage, int attempt) {
    return runName + "-" + stage.id() + "-" + attempt;
  }
}
