package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

import java.time.LocalDate;

/** A PipelineRun's spec: the date, and how to run it. Immutable once created (CEL rule below). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf",
    message = "a PipelineRun's spec cannot change once created: create a new PipelineRun (another name) to run with other settings")
public class PipelineRunSpec extends RunSettings {

  @Required
  @Pattern("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
  @JsonPropertyDescription("The UTC day whose raw records are cleaned and reported, YYYY-MM-DD.")
  private String date;

  public String getDate() {
    return date;
  }

  public void setDate(String date) {
    this.date = date;
  }

  /** The date as a day; throws {@link java.time.format.DateTimeParseException} for a date the pattern lets through but the calendar does not (2026-02-30). */
  public LocalDate day() {
    return LocalDate.parse(date);
  }
}
