/**
 * Storage: the pooled DataSource for SQLite or PostgreSQL, Flyway migrations that run on both, the small
 * JDBC helper and database leases. Knows no feature types; features keep their SQL next to their code.
 */
package dev.edm.storage;
