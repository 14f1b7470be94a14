package dev.pinpipe.contracts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawKeysTest {

  private static final long JUST_BEFORE_MIDNIGHT = Instant.parse("2026-03-04T23:59:59.999Z").toEpochMilli();
  private static final long MIDNIGHT = Instant.parse("2026-03-05T00:00:00Z").toEpochMilli();

  @Test
  void theDefaultLayoutWritesTheConfluentKeys() {
    String directory = RawLayout.DEFAULT.directory("pinpipe.pin", 0, MIDNIGHT);

    assertThat(directory).isEqualTo("topics/pinpipe.pin/partition=0/");
    assertThat(RawKeys.objectKey(directory, "pinpipe.pin", 0, 42)).isEqualTo("topics/pinpipe.pin/partition=0/pinpipe.pin+0+0000000042.json");
    assertThat(RawKeys.objectKey(directory, "pinpipe.pin", 0, 12_345_678_901L)).endsWith("pinpipe.pin+0+12345678901.json");
  }

  @Test
  void theDailyLayoutUsesTheRecordTimestampInUtc() {
    assertThat(RawLayout.DAILY.directory("pinpipe.geo", 2, JUST_BEFORE_MIDNIGHT)).isEqualTo("topics/pinpipe.geo/year=2026/month=03/day=04/");
    assertThat(RawLayout.DAILY.directory("pinpipe.geo", 2, MIDNIGHT)).isEqualTo("topics/pinpipe.geo/year=2026/month=03/day=05/");
    assertThat(RawKeys.objectKey(RawLayout.DAILY.directory("pinpipe.geo", 2, MIDNIGHT), "pinpipe.geo", 2, 7))
        .isEqualTo("topics/pinpipe.geo/year=2026/month=03/day=05/pinpipe.geo+2+0000000007.json");
    assertThat(RawKeys.completeMarker("pinpipe.geo", LocalDate.of(2026, 3, 4)))
        .isEqualTo("topics/pinpipe.geo/year=2026/month=03/day=04/_COMPLETE");
  }

  @Test
  void theJobReadsTheDaysDirectoryOrInTheDefaultLayoutTheWholeTopic() {
    LocalDate day = LocalDate.of(2026, 3, 4);

    assertThat(RawLayout.DAILY.inputDirectory("pp.user", day)).isEqualTo("topics/pp.user/year=2026/month=03/day=04/");
    assertThat(RawLayout.DEFAULT.inputDirectory("pp.user", day)).isEqualTo("topics/pp.user/");
    assertThat(RawLayout.DEFAULT.directory("pp.user", 3, MIDNIGHT)).startsWith(RawLayout.DEFAULT.inputDirectory("pp.user", day));
  }

  @Test
  void keysParseBackToTheirTopicPartitionAndStartOffset() {
    for (RawLayout layout : RawLayout.values()) {
      String key = RawKeys.objectKey(layout.directory("a+b.pin", 12, MIDNIGHT), "a+b.pin", 12, 300);
      assertThat(RawKeys.parse(key)).as(key).contains(new RawKeys.ObjectName("a+b.pin", 12, 300));
    }
    assertThat(RawKeys.parse("topics/pinpipe.pin/year=2026/month=03/day=05/_COMPLETE")).isEmpty();
    assertThat(RawKeys.parse("reports/x/pinpipe.pin+1+0000000300.json")).isEmpty();
    assertThat(RawKeys.parse("topics/pinpipe.pin/partition=1/pinpipe.pin+1+300.json")).isEmpty();
  }

  @Test
  void taggedKeysOfAnotherIncarnationParseToTheSameTopicPartitionAndOffset() {
    String tag = RawKeys.tag("5hEZ3N1vQJ2XhV9b0z3t7A", "pinpipe-s3-sink");
    String key = RawKeys.taggedKey("topics/a+b.pin/partition=12/", "a+b.pin", 12, 7, tag);

    assertThat(tag).matches("i[0-9a-f]{8}");
    assertThat(tag).isNotEqualTo(RawKeys.tag("5hEZ3N1vQJ2XhV9b0z3t7A", "other-group"));
    assertThat(key).isEqualTo("topics/a+b.pin/partition=12/a+b.pin+12+0000000007+" + tag + ".json");
    assertThat(RawKeys.parse(key)).contains(new RawKeys.ObjectName("a+b.pin", 12, 7));
  }

  @Test
  void aListingFromAnOffsetStartsWithinThePartitionsKeys() {
    String directory = "topics/t/partition=1/";

    assertThat(RawKeys.listFrom(directory, "t", 1, 42)).isEqualTo("topics/t/partition=1/t+1+0000000042")
        .startsWith(RawKeys.partitionPrefix(directory, "t", 1));
    assertThat(RawKeys.objectKey(directory, "t", 1, 42)).isGreaterThan(RawKeys.listFrom(directory, "t", 1, 42));
    assertThat(RawKeys.objectKey(directory, "t", 1, 41)).isLessThan(RawKeys.listFrom(directory, "t", 1, 42));
  }

  @Test
  void layoutNamesParseLenientlyAndUnknownOnesAreNamed() {
    for (RawLayout layout : RawLayout.values()) {
      assertThat(RawLayout.parse(layout.id())).isEqualTo(layout);
    }
    assertThat(RawLayout.parse(" Daily")).isEqualTo(RawLayout.DAILY);
    assertThatThrownBy(() -> RawLayout.parse("hourly")).hasMessage("unknown layout 'hourly'; use default or daily");
  }
}
