/**
 * The data fetcher ({@code edm fetch}): reads any JSON API page by page (Link header, cursor or page number),
 * retrying what is worth retrying with exponential backoff and {@code Retry-After}, optionally cleans the records
 * (trimmed text, normalised and checked emails, duplicates removed after normalisation), and writes raw, clean and
 * group-by summary files as CSV (nested objects flattened to dotted columns) and JSON (nesting kept). Not to be
 * confused with {@code dev.edm.fetch}, which reads what thin platform webhooks name.
 */
package dev.edm.datafetch;
