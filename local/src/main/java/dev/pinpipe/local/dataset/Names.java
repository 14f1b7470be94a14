package dev.pinpipe.local.dataset;

import java.util.List;

/** First and last names of users (and of the posters that are people), some with apostrophes and accents. */
final class Names {

  static final List<String> FIRST = List.of(
      "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Sofia", "James", "Chloé", "José",
      "Zoë", "Björn", "Søren", "Renée", "Siân", "Amélie", "Jürgen", "Ngozi", "Aiko", "Mateo", "Fatima", "Raj",
      "Ingrid", "Dmitri", "Leïla", "François", "Ana", "Kevin", "Grace", "Omar", "Priya", "Hannah", "D'Andre",
      "Mary-Kate", "Yuki", "Łukasz", "Agnès", "Seán");

  static final List<String> LAST = List.of(
      "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "O'Brien", "D'Angelo",
      "Müller", "García", "Nguyễn", "Øvergaard", "O'Neil", "Dubois", "Kowalski", "Sánchez", "Lefèvre",
      "Al-Hassan", "van der Berg", "Şahin", "Tanaka", "佐藤", "Okafor", "Rossi", "Fernández", "Ó Súilleabháin",
      "Kim", "Patel", "Wilson", "Anderson", "Thomas", "Moore", "Martin", "Jackson", "Lee", "Schröder",
      "Håkansson", "N'Diaye");

  private Names() {
  }
}
