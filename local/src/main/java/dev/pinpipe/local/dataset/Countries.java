package dev.pinpipe.local.dataset;

import java.util.List;

/**
 * Countries and territories with a plausible point inside each (roughly its centre), for
 * {@code geolocation_data}. Names include the hostile cases: apostrophes, accents, parentheses.
 */
final class Countries {

  /** One country: its name and a point (degrees) that posts from it are placed near. */
  record Country(String name, double latitude, double longitude) {
  }

  /** From {@code dataset/countries.tsv}: name, latitude, longitude. */
  static final List<Country> ALL = Tsv.rows("dataset/countries.tsv").stream()
      .map(row -> new Country(row.get(0), Double.parseDouble(row.get(1)), Double.parseDouble(row.get(2))))
      .toList();

  private Countries() {
  }
}
