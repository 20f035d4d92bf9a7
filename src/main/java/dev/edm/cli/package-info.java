/** The command line: picocli commands, kept thin; they load config and call features. */
package dev.edm.cli;
