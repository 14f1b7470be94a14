package dev.pinpipe.local.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipe.local.dataset.Categories.Category;
import dev.pinpipe.local.dataset.Countries.Country;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The static tables the generator draws from, and the follower-count format. */
class TablesTest {

  @Test
  void countriesAreAboutTwoHundredDistinctNamesWithPointsOnTheGlobe() {
    List<String> names = Countries.ALL.stream().map(Country::name).toList();
    assertThat(names).hasSizeGreaterThanOrEqualTo(200).doesNotHaveDuplicates();
    assertThat(names).contains("Côte d'Ivoire", "Curaçao", "Åland Islands");
    for (Country country : Countries.ALL) {
      assertThat(country.latitude()).as(country.name()).isBetween(-90.0, 90.0);
      assertThat(country.longitude()).as(country.name()).isBetween(-180.0, 180.0);
    }
  }

  @Test
  void categoriesHaveTheirSaveLocationAndEnoughTagsWithoutCommas() {
    assertThat(Categories.ALL).hasSize(13);
    for (Category category : Categories.ALL) {
      assertThat(category.saveLocation()).isEqualTo("Local save in /data/" + category.name());
      assertThat(category.tags()).hasSizeGreaterThanOrEqualTo(6).doesNotHaveDuplicates()
          .noneMatch(tag -> tag.contains(","));
      assertThat(category.topics()).isNotEmpty();
    }
  }

  @Test
  void followerCountsAreWholeThousandsAndMillions() {
    assertThat(FollowerCounts.format(0)).isEqualTo("0");
    assertThat(FollowerCounts.format(97)).isEqualTo("97");
    assertThat(FollowerCounts.format(830)).isEqualTo("830");
    assertThat(FollowerCounts.format(999)).isEqualTo("999");
    assertThat(FollowerCounts.format(1_000)).isEqualTo("1k");
    assertThat(FollowerCounts.format(51_999)).isEqualTo("51k");
    assertThat(FollowerCounts.format(999_999)).isEqualTo("999k");
    assertThat(FollowerCounts.format(1_000_000)).isEqualTo("1M");
    assertThat(FollowerCounts.format(4_200_000)).isEqualTo("4M");
  }

  @Test
  void uniqueIdsDependOnSeedAndIndex() {
    assertThat(PinRows.uniqueId(1, 2)).isEqualTo(PinRows.uniqueId(1, 2));
    assertThat(PinRows.uniqueId(1, 2)).isNotEqualTo(PinRows.uniqueId(2, 1));
    assertThat(PinRows.uniqueId(1, 2)).isNotEqualTo(PinRows.uniqueId(1, 3));
  }
}
