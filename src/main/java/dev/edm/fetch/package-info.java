/**
 * Follow-up reads for thin deliveries: processing records which resources a delivery names (in its own
 * transaction), a background fetcher reads them from the platform's API with retries, and stores each document
 * as a new delivery, which processing then interprets like any other. Failures stay pending with their reason.
 */
package dev.edm.fetch;
