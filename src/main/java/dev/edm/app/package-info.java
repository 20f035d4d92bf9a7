/** The composition root: the only place that knows concrete implementations and wires features together. */
package dev.edm.app;
