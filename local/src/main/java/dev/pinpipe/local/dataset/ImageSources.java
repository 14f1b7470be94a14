package dev.pinpipe.local.dataset;

import java.util.SplittableRandom;

/** {@code image_src}: {@code https://i.pinimg.com/originals/xx/yy/zz/<32 hex digits>.jpg}. */
final class ImageSources {

  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
  private static final int NAME_LENGTH = 32;

  private ImageSources() {
  }

  /** A URL whose folders are the first three pairs of hex digits of the file name, as on Pinterest. */
  static String draw(SplittableRandom random) {
    char[] name = new char[NAME_LENGTH];
    for (int i = 0; i < NAME_LENGTH; i++) {
      name[i] = HEX_DIGITS[random.nextInt(HEX_DIGITS.length)];
    }
    String hex = new String(name);
    return "https://i.pinimg.com/originals/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/"
        + hex.substring(4, 6) + "/" + hex + ".jpg";
  }
}
