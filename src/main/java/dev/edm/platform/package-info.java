/**
 * Platform adapters: each platform's signature scheme, required headers and topic meaning, over raw
 * request bytes. One sub-package per platform.
 */
package dev.edm.platform;
