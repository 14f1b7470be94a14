package dev.pinpipe.local.dataset;

import dev.pinpipe.posts.GeoRow;

import static dev.pinpipe.local.dataset.RandomPicks.pick;

import dev.pinpipe.local.dataset.Countries.Country;
import java.util.SplittableRandom;

/** Makes {@code geolocation_data} rows: a country, a point near it, a time of posting. */
final class GeoRows {

  /** How far (degrees, either way) a post's point may lie from its country's point. */
  static final double JITTER_DEGREES = 2.0;

  private GeoRows() {
  }

  static GeoRow make(int index, SplittableRandom random) {
    Country country = pick(random, Countries.ALL);
    double latitude = within(country.latitude() + jitter(random), 90);
    double longitude = within(country.longitude() + jitter(random), 180);
    String timestamp = Timestamps.uniform(random, DatasetGenerator.GEO_FIRST, DatasetGenerator.GEO_LAST);
    return new GeoRow(index, timestamp, latitude, longitude, country.name());
  }

  private static double jitter(SplittableRandom random) {
    return random.nextDouble(-JITTER_DEGREES, JITTER_DEGREES);
  }

  /** {@code degrees} rounded to 6 decimals (about 10 cm) and kept within [-limit, limit]. */
  private static double within(double degrees, double limit) {
    double rounded = Math.round(degrees * 1e6) / 1e6;
    return Math.max(-limit, Math.min(limit, rounded));
  }
}
