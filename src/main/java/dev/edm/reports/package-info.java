/** Reports: current state and sales as tables, rendered as CSV or JSON, written atomically and never overwritten. */
package dev.edm.reports;
