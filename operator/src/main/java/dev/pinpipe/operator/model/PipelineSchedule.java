package dev.pinpipe.operator.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cron schedule in a time zone that creates a PipelineRun named {@code <schedule>-<date>} per tick: the operator's daily DAG. */
@Group(PipelineRun.GROUP)
@Version(PipelineRun.VERSION)
@ShortNames("psched")
@Categories("pinpipe")
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "TimeZone", jsonPath = ".spec.timeZone", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Suspended", jsonPath = ".spec.suspend", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Last Run", jsonPath = ".status.lastScheduleTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Next Run", jsonPath = ".status.nextScheduleTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.activeCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class PipelineSchedule extends CustomResource<PipelineScheduleSpec, PipelineScheduleStatus> implements Namespaced {

  /** The annotation that asks for a run of one date now: {@code pinpipe.dev/run-date: YYYY-MM-DD}; removed once the run exists. */
  public static final String RUN_DATE_ANNOTATION = "pinpipe.dev/run-date";

  @Override
  @Required
  public PipelineScheduleSpec getSpec() {
    return super.getSpec();
  }

  @Override
  protected PipelineScheduleStatus initStatus() {
    return new PipelineScheduleStatus();
  }
}
