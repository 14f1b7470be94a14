package dev.pinpipe.sink;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3LayoutTest {

  private static final long JUST_BEFORE_MIDNIGHT = Instant.parse("2026-03-04T23:59:59.999Z").toEpochMilli();
  private static final long MIDNIGHT = Instant.parse("2026-03-05T00:00:00Z").toEpochMilli();

  @Test
  void defaultPartitionerWritesTheConfluentKeys() {
    S3Layout layout = new S3Layout(S3Layout.Partitioner.DEFAULT);

    String directory = layout.directory("pinpipe.pin", 0, MIDNIGHT);

    assertThat(directory).isEqualTo("topics/pinpipe.pin/partition=0/");
    assertThat(layout.objectKey(directory, "pinpipe.pin", 0, 42)).isEqualTo("topics/pinpipe.pin/partition=0/pinpipe.pin+0+0000000042.json");
    assertThat(layout.objectKey(directory, "pinpipe.pin", 0, 12_345_678_901L)).endsWith("pinpipe.pin+0+12345678901.json");
  }

  @Test
  void dailyPartitionerUsesTheRecordTimestampInUtc() {
    S3Layout layout = new S3Layout(S3Layout.Partitioner.DAILY);

    assertThat(layout.directory("pinpipe.geo", 2, JUST_BEFORE_MIDNIGHT)).isEqualTo("topics/pinpipe.geo/year=2026/month=03/day=04/");
    assertThat(layout.directory("pinpipe.geo", 2, MIDNIGHT)).isEqualTo("topics/pinpipe.geo/year=2026/month=03/day=05/");
    assertThat(layout.objectKey(layout.directory("pinpipe.geo", 2, MIDNIGHT), "pinpipe.geo", 2, 7))
        .isEqualTo("topics/pinpipe.geo/year=2026/month=03/day=05/pinpipe.geo+2+0000000007.json");
    assertThat(S3Layout.completeMarker("pinpipe.geo", LocalDate.of(2026, 3, 4)))
        .isEqualTo("topics/pinpipe.geo/year=2026/month=03/day=04/_COMPLETE");
  }

  @Test
  void keysParseBackToTheirTopicPartitionAndStartOffset() {
    assertThat(S3Layout.parse("topics/pinpipe.pin/partition=1/pinpipe.pin+1+0000000300.json"))
        .contains(new S3Layout.ObjectName("pinpipe.pin", 1, 300));
    assertThat(S3Layout.parse("topics/a+b.pin/year=2026/month=03/day=05/a+b.pin+12+0000000000.json"))
        .contains(new S3Layout.ObjectName("a+b.pin", 12, 0));
    assertThat(S3Layout.parse("topics/pinpipe.pin/year=2026/month=03/day=05/_COMPLETE")).isEmpty();
    assertThat(S3Layout.parse("reports/x/pinpipe.pin+1+0000000300.json")).isEmpty();
    assertThat(S3Layout.parse("topics/pinpipe.pin/partition=1/pinpipe.pin+1+300.json")).isEmpty();
  }

  @Test
  void taggedKeysOfAnotherIncarnationParseToTheSameTopicPartitionAndOffset() {
    String tag = S3Layout.tag("5hEZ3N1vQJ2XhV9b0z3t7A", "pinpipe-s3-sink");
    String key = S3Layout.taggedKey("topics/a+b.pin/partition=12/", "a+b.pin", 12, 7, tag);

    assertThat(tag).matches("i[0-9a-f]{8}");
    assertThat(tag).isNotEqualTo(S3Layout.tag("5hEZ3N1vQJ2XhV9b0z3t7A", "other-group"));
    assertThat(key).isEqualTo("topics/a+b.pin/partition=12/a+b.pin+12+0000000007+" + tag + ".json");
    assertThat(S3Layout.parse(key)).contains(new S3Layout.ObjectName("a+b.pin", 12, 7));
  }

  @Test
  void partitionerNamesParseAndUnknownOnesAreNamed() {
    assertThat(S3Layout.Partitioner.parse(" Daily")).isEqualTo(S3Layout.Partitioner.DAILY);
    assertThatThrownBy(() -> S3Layout.Partitioner.parse("hourly")).hasMessageContaining("use default or daily");
  }
}
