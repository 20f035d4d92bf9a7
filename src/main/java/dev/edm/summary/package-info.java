/**
 * Scheduled summary emails: at EDM_SUMMARY_DAILY and EDM_SUMMARY_WEEKLY (in EDM_TIMEZONE) a summary of the day or
 * the last seven days (open alerts, top sellers, units and revenue, worst items, CSVs attached) is built from the
 * reports and enqueued in the notification outbox once per period and recipient.
 */
package dev.edm.summary;
