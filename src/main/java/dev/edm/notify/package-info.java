/**
 * Notifications: implements the alerts' {@code AlertSink} with a durable outbox written in the alert change's
 * transaction, routes notices to receivers (email, Slack, SMS through Twilio, outbound Standard Webhooks),
 * groups warning and info notices into digests, and delivers with retries, a circuit breaker per receiver and
 * dead letters.
 */
package dev.edm.notify;
