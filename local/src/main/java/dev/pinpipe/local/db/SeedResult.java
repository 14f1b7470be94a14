package dev.pinpipe.local.db;

import java.time.Duration;

/**
 * What {@link DatabaseSeeder#seed} left in the tables: their row counts once the seeding
 * transaction committed, and how long it took (table creation included).
 */
public record SeedResult(long pinRows, long geoRows, long userRows, Duration elapsed) {
}
