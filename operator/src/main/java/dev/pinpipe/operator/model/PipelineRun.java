package dev.pinpipe.operator.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One run of the daily job for a date: its stages, each stage attempt a SparkApplication named {@code <run>-<stage>-<attempt>}. */
@Group(PipelineRun.GROUP)
@Version(PipelineRun.VERSION)
@ShortNames("prun")
@Categories("pinpipe")
@AdditionalPrinterColumn(name = "Date", jsonPath = ".spec.date", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Stage", jsonPath = ".status.stage", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Attempts", jsonPath = ".status.attempts", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class PipelineRun extends CustomResource<PipelineRunSpec, PipelineRunStatus> implements Namespaced {

  public static final String GROUP = "pinpipe.dev";
  public static final String VERSION = "v1alpha1";

  /** Required, so that the spec's immutability rule cannot be dodged by removing the spec. */
  @Override
  @Required
  public PipelineRunSpec getSpec() {
    return super.getSpec();
  }

  @Override
  protected PipelineRunStatus initStatus() {
    return new PipelineRunStatus();
  }
}
