package dev.pinpipe.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic {@code pin} records (the {@code pinterest_data} rows of DESIGN.md, about 450 bytes of
 * compact JSON each, with the occasional dirty value the cleaning knows), generated once from a
 * fixed seed. The load then cycles through pre-built request bodies: nothing is built per request.
 */
final class PinRecords {

  private static final String[] CATEGORIES = {
      "christmas", "diy-and-crafts", "education", "event-planning", "finance", "home-decor",
      "mens-fashion", "quotes", "tattoos", "travel", "vehicles", "art", "beauty"};

  private static final String[] WORDS = {
      "easy", "simple", "modern", "rustic", "cozy", "minimalist", "vintage", "budget", "creative", "bold",
      "ideas", "inspiration", "tips", "guide", "projects", "decor", "style", "outfits", "quotes", "designs",
      "living", "room", "kitchen", "bedroom", "garden", "wedding", "party", "holiday", "winter", "summer",
      "watercolor", "painting", "tutorial", "printable", "classroom", "savings", "money", "budgeting", "travel", "road",
      "trip", "beach", "mountain", "city", "weekend", "getaway", "car", "truck", "restoration", "classic",
      "tattoo", "small", "floral", "geometric", "makeup", "skincare", "routine", "hair", "nails", "gift",
      "handmade", "wood", "paper", "yarn", "crochet", "knitting", "pattern", "free", "best", "beautiful"};

  private static final String[] FIRST = {"The", "Everyday", "Little", "Happy", "Simply", "Modern", "Wild", "Crafty", "Savvy", "Urban"};
  private static final String[] SECOND = {"Wholesome", "Home", "Maker", "Planner", "Nomad", "Studio", "Mama", "Garage", "Ink", "Saver"};
  private static final String[] FOLLOWERS = {"51k", "1M", "830", "12k", "3k", "211k", "97", "4M", "7k", "640"};
  private static final String[] MEDIA = {"image", "image", "image", "video", "multi-video(story page format)"};
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PinRecords() {
  }

  /** {@code count} distinct compact JSON values, deterministic for a given seed. */
  static List<byte[]> values(int count, long seed) {
    Random random = new Random(seed);
    List<byte[]> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(pin(random, 1_000 + i).getBytes(StandardCharsets.UTF_8));
    }
    return values;
  }

  /** A REST Proxy v2 produce body {@code {"records":[{"value":...},...]}} around the given values. */
  static byte[] body(List<byte[]> values) {
    int size = 16;
    for (byte[] value : values) {
      size += value.length + 12;
    }
    StringBuilder body = new StringBuilder(size).append("{\"records\":[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"value\":").append(new String(values.get(i), StandardCharsets.UTF_8)).append('}');
    }
    return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String pin(Random random, int index) {
    String category = pick(random, CATEGORIES);
    boolean dirtyUser = random.nextInt(20) == 0;
    boolean dirtyText = random.nextInt(25) == 0;
    String title = dirtyText ? "No Title Data Available" : capitalize(words(random, 2 + random.nextInt(4)));
    String description = dirtyText
        ? "No description available Story format"
        : capitalize(words(random, 3 + random.nextInt(6))) + ".";
    String poster = dirtyUser ? "User Info Error" : pick(random, FIRST) + " " + pick(random, SECOND);
    String followers = dirtyUser ? "User Info Error" : pick(random, FOLLOWERS);
    String tags = dirtyText ? "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e" : tags(random);
    String imageSrc = random.nextInt(30) == 0 ? "Image src error." : imageSrc(random);
    StringBuilder json = new StringBuilder(512).append('{');
    json.append("\"index\":").append(index);
    field(json, "unique_id", new UUID(random.nextLong(), random.nextLong()).toString());
    field(json, "title", title);
    field(json, "description", description);
    field(json, "poster_name", poster);
    field(json, "follower_count", followers);
    field(json, "tag_list", tags);
    field(json, "is_image_or_video", pick(random, MEDIA));
    field(json, "image_src", imageSrc);
    json.append(",\"downloaded\":").append(random.nextInt(10) == 0 ? 0 : 1);
    field(json, "save_location", "Local save in /data/" + category);
    field(json, "category", category);
    return json.append('}').toString();
  }

  private static String tags(Random random) {
    StringBuilder tags = new StringBuilder();
    int count = 2 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        tags.append(',');
      }
      tags.append(capitalize(words(random, 1 + random.nextInt(2))));
    }
    return tags.toString();
  }

  private static String imageSrc(Random random) {
    StringBuilder hash = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      hash.append(HEX[random.nextInt(16)]);
    }
    return "https://i.pinimg.com/originals/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/"
        + hash.substring(4, 6) + "/" + hash + (random.nextBoolean() ? ".jpg" : ".png");
  }

  private static String words(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(pick(random, WORDS));
    }
    return text.toString();
  }

  private static String capitalize(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** Appends {@code ,"name":"value"}; the generated text holds nothing that needs escaping but quotes and backslashes. */
  private static void field(StringBuilder json, String name, String value) {
    json.append(",\"").append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\');
      }
      json.append(c);
    }
    json.append('"');
  }
}
