/**
 * Webhook signature schemes shared by inbound receivers and outbound notifiers: the Standard Webhooks
 * scheme (HMAC-SHA256 "v1"), computed with the spec's own Java library. Depends on the JDK and that library
 * only, so any feature may use it.
 */
package dev.edm.signing;
