package dev.pinpipe.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Map;

/** What the job reported in {@code runs/dt=D/summary.json}, for {@code kubectl describe}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunSummaryStatus {

  @JsonPropertyDescription("Raw records read, over the three tables.")
  private Long recordsRead;

  @JsonPropertyDescription("Records rejected by validation (in the rejects table).")
  private Long rejected;

  @JsonPropertyDescription("Records dropped as repeats of a post already seen.")
  private Long duplicatesDropped;

  @JsonPropertyDescription("Rows written per cleaned table.")
  private Map<String, Long> rows;

  @JsonPropertyDescription("Rows written per report.")
  private Map<String, Long> reports;

  public Long getRecordsRead() {
    return recordsRead;
  }

  public void setRecordsRead(Long recordsRead) {
    this.recordsRead = recordsRead;
  }

  public Long getRejected() {
    return rejected;
  }

  public void setRejected(Long rejected) {
    this.rejected = rejected;
  }

  public Long getDuplicatesDropped() {
    return duplicatesDropped;
  }

  public void setDuplicatesDropped(Long duplicatesDropped) {
    this.duplicatesDropped = duplicatesDropped;
  }

  public Map<String, Long> getRows() {
    return rows;
  }

  public void setRows(Map<String, Long> rows) {
    this.rows = rows;
  }

  public Map<String, Long> getReports() {
    return reports;
  }

  public void setReports(Map<String, Long> reports) {
    this.reports = reports;
  }
}
