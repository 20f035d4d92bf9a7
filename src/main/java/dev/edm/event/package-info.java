/**
 * The shared kernel: platform-neutral identifiers and canonical event records that adapters produce and
 * features consume. No behaviour and no dependencies beyond the JDK.
 */
package dev.edm.event;
