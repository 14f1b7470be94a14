/**
 * The pinpipe Spark daily job: raw S3 objects to Delta tables and the nine reports. Not built
 * yet; see the issue tracker.
 */
package dev.pinpipe.jobs;
