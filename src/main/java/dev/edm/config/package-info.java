/**
 * Configuration: immutable records built from environment variables and {@code .env}, validated at load
 * so a bad value stops startup with one line naming the variable.
 */
package dev.edm.config;
