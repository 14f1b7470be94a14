package dev.pinpipe.local.dataset;

import java.util.List;

/** The 13 categories of the original dataset, with the topics and tags their pins talk about. */
final class Categories {

  /**
   * One category.
   *
   * @param name         the {@code category} column
   * @param saveLocation the {@code save_location} column: {@code Local save in /data/<name>}
   * @param topics       what titles and descriptions of the category are about
   * @param tags         the tags its {@code tag_list} is made of (at least 6, none with a comma)
   */
  record Category(String name, String saveLocation, List<String> topics, List<String> tags) {
  }

  /** From {@code dataset/categories.tsv}: name, topics and tags ({@code |} between them). */
  static final List<Category> ALL = Tsv.rows("dataset/categories.tsv").stream()
      .map(row -> new Category(row.get(0), "Local save in /data/" + row.get(0),
          List.of(row.get(1).split("\\|")), List.of(row.get(2).split("\\|"))))
      .toList();

  private Categories() {
  }
}
