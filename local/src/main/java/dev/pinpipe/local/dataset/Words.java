package dev.pinpipe.local.dataset;

import java.util.List;

/**
 * The words titles, descriptions and poster names are made of. Some entries are the hostile cases
 * that must survive JSON and SQL: accents and other unicode (é, ü, 日本), emoji (📌, ✨), double and
 * single quotes, and backslashes; descriptions add newlines between sentences.
 */
final class Words {

  static final List<String> ADJECTIVES = List.of(
      "Easy", "Beautiful", "Simple", "Cozy", "Modern", "Vintage", "Minimalist", "Creative", "Cute", "Stunning",
      "Budget-Friendly", "Elegant", "Rustic", "Colorful", "Trendy", "Gorgeous", "Chic", "Naïve", "Bold",
      "Timeless", "Quick", "Unique", "Dreamy", "Über-Cool");

  /** What may end a title. */
  static final List<String> TITLE_ENDINGS = List.of(
      "✨", "📌", "| Step by Step", "– 日本 Edition", "(\"Must-Have\")", "– Don't Miss", "à la Française",
      "für Anfänger", "\\o/", "💕", "You'll Love", "2.0", "& More");

  /** Description sentences; {@code {topic}} stands for the pin's topic, in lower case. */
  static final List<String> SENTENCES = List.of(
      "Looking for {topic} inspiration? Here are our favourite ideas.",
      "Save this pin for later!",
      "These {topic} ideas are perfect for any season.",
      "Click through for the full tutorial.",
      "I can't believe how easy this was.",
      "My go-to {topic} for busy weekends 📌",
      "Everything you need to know about {topic}, step by step.",
      "She said \"this changed everything\" and she was right.",
      "Follow for more ✨",
      "Inspired by a trip to 日本 last spring.",
      "Perfect for a café-style afternoon.",
      "Grab the free printable at the end of the post.",
      "It's all about the details.",
      "Tag a friend who'd love this ¯\\_(ツ)_/¯",
      "Über cute and so simple.",
      "Made with love in München.",
      "Les détails font la différence.",
      "Over 100 {topic} ideas to try this year.",
      "Part 2 of our {topic} series.",
      "The \"secret\" is patience.",
      "Don't forget to pin it!",
      "Finally finished \\o/",
      "Find more {topic} on the blog.",
      "A little {topic} goes a long way.");

  /** Poster names of blogs and shops; half the posters are people instead (see {@link Names}). */
  static final List<String> POSTER_NAMES = List.of(
      "The Crafty Nest", "Hello Glow", "Café Créatif", "Zoë's Kitchen", "日本 Travel Diary",
      "Tiny \"Home\" Ideas", "Art \\o/ Club", "Studio Müller ✨", "Bon Appétit", "The Budget Mom",
      "Man of Many", "Inked Mag", "Wanderlust Daily", "Quote Garden 📌", "Classroom Creations",
      "Party Perfect", "Motor Trend Fans", "Home Sweet Home", "DIY Joy", "Beauty Bay", "Mr. O'Brien's Garage",
      "Señor Style", "The Frugal Girls", "Noël Magique");

  private Words() {
  }
}
