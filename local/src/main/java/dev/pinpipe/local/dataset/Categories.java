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

  static final List<Category> ALL = List.of(
      category("art",
          List.of("Watercolor Painting", "Abstract Art", "Pencil Sketches", "Oil Painting", "Art Journal",
              "Portrait Drawing"),
          List.of("Art", "Drawings", "Drawing Ideas", "Painting Ideas", "Sketchbook", "Art Inspiration",
              "Aquarelle Idées")),
      category("beauty",
          List.of("Makeup Looks", "Skincare Routine", "Nail Art", "Hairstyles", "Eyeliner Tutorial", "Lip Colors"),
          List.of("Beauty", "Makeup", "Skin Care", "Nails", "Hair Ideas", "Beauty Tips", "Maquillage Naturel")),
      category("christmas",
          List.of("Christmas Tree", "Holiday Cookies", "Advent Calendar", "Christmas Wreath", "Stocking Stuffers",
              "Gingerbread House"),
          List.of("Christmas", "Christmas Decorations", "Holiday Baking", "Xmas Gifts", "Winter", "Noël",
              "Weihnachten")),
      category("diy-and-crafts",
          List.of("Paper Crafts", "Macramé Wall Hanging", "Upcycled Jars", "Crochet Patterns", "Resin Coasters",
              "Felt Ornaments"),
          List.of("DIY", "Crafts", "Easy Crafts", "Crafts For Kids", "Handmade", "Macramé", "Upcycling")),
      category("education",
          List.of("Math Worksheets", "Classroom Ideas", "Science Experiments", "Reading Activities", "Study Tips",
              "Homeschool Schedule"),
          List.of("Education", "Teaching", "Classroom", "Homeschool", "Study Motivation", "Kids Learning",
              "Worksheets")),
      category("event-planning",
          List.of("Wedding Decor", "Birthday Party", "Baby Shower", "Table Settings", "Party Favors",
              "Event Timeline"),
          List.of("Event Planning", "Party Ideas", "Wedding", "Party Decorations", "Celebration", "Fête",
              "Checklist")),
      category("finance",
          List.of("Budget Planner", "Saving Money", "Debt Payoff", "Side Hustles", "Investing Basics",
              "Frugal Living"),
          List.of("Finance", "Money Tips", "Budgeting", "Saving Money", "Personal Finance", "Investing",
              "Passive Income")),
      category("home-decor",
          List.of("Living Room", "Bedroom Decor", "Kitchen Ideas", "Gallery Wall", "Boho Bathroom",
              "Entryway Styling"),
          List.of("Home Decor", "Interior Design", "Living Room Decor", "Cozy Home", "Boho", "Café Décor",
              "Scandinavian")),
      category("mens-fashion",
          List.of("Men's Outfits", "Street Style", "Suit Guide", "Casual Looks", "Sneaker Collection",
              "Beard Styles"),
          List.of("Mens Fashion", "Mens Outfits", "Stylish Men", "Menswear", "Streetwear", "Grooming",
              "Dapper")),
      category("quotes",
          List.of("Motivational Quotes", "Love Quotes", "Life Quotes", "Friendship Quotes", "Funny Quotes",
              "Inspirational Sayings"),
          List.of("Quotes", "Words Quotes", "Life Quotes", "Wise Words", "Positive Vibes", "Sayings",
              "Citations")),
      category("tattoos",
          List.of("Small Tattoos", "Sleeve Tattoo", "Minimalist Tattoos", "Floral Tattoo", "Script Tattoos",
              "Japanese Tattoo"),
          List.of("Tattoos", "Tattoo Designs", "Tattoo Ideas", "Fine Line", "Ink", "日本 Tattoo", "Body Art")),
      category("travel",
          List.of("Travel Itinerary", "Beach Destinations", "Road Trip", "Packing List", "Hidden Gems",
              "City Guide"),
          List.of("Travel", "Travel Destinations", "Wanderlust", "Travel Tips", "Vacation", "Backpacking",
              "Voyage")),
      category("vehicles",
          List.of("Classic Cars", "Motorcycle Builds", "Camper Van", "Car Interior", "Off-Road Trucks",
              "Electric Cars"),
          List.of("Cars", "Vehicles", "Motorcycles", "Van Life", "Dream Cars", "Trucks", "Auto")));

  private Categories() {
  }

  private static Category category(String name, List<String> topics, List<String> tags) {
    return new Category(name, "Local save in /data/" + name, topics, tags);
  }
}
