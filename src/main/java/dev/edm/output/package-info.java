/**
 * Output files any feature writes for people: CSV text (RFC 4180, safe to open in a spreadsheet) and files under
 * a folder with a timestamped name that is written atomically and never overwrites another file. A leaf: JDK only.
 */
package dev.edm.output;
