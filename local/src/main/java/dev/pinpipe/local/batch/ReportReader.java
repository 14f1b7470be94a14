package dev.pinpipe.local.batch;

import dev.pinpipe.contracts.Report;

import dev.pinpipe.contracts.DailyJobOptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinpipe.s3.S3Listing;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads the reports the job wrote as JSON lines ({@code <prefix>reports/<report>/dt=D/part-*.json}) back from S3 (blocking). */
public final class ReportReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3AsyncClient s3;
  private final String bucket;

  public ReportReader(S3AsyncClient s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Every report of the request's date, in the design's order. */
  public List<ReportRows> readAll(DailyJobOptions request) {
    List<ReportRows> reports = new ArrayList<>();
    for (Report report : Report.values()) {
      reports.add(read(report, request.outputKey(report.jsonDirectory(request.date()))));
    }
    return reports;
  }

  /** The rows of the {@code .json} objects under {@code prefix}, objects in key order (part-00000 first). */
  ReportRows read(Report report, String prefix) {
    List<ObjectNode> rows = new ArrayList<>();
    for (String key : jsonKeys(prefix)) {
      for (String line : get(key).split("\n")) {
        if (!line.isBlank()) {
          rows.add(parse(line, key));
        }
      }
    }
    return new ReportRows(report, rows);
  }

  private List<String> jsonKeys(String prefix) {
    List<String> keys = new ArrayList<>();
    try {
      S3Listing.objects(s3, bucket, prefix, ".json").stream().map(S3Object::key).forEach(keys::add);
    } catch (Exception e) {
      throw new IllegalStateException("cannot list the report s3://" + bucket + "/" + prefix + ": " + e.getMessage(), e);
    }
    keys.sort(Comparator.naturalOrder());
    return keys;
  }

  private String get(String key) {
    try {
      return s3.getObject(request -> request.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
          .get(60, TimeUnit.SECONDS).asUtf8String();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode parse(String line, String key) {
    try {
      JsonNode row = JSON.readTree(line);
      if (row instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw new IllegalStateException("s3://" + bucket + "/" + key + " holds a line that is not a JSON object");
  }
}
