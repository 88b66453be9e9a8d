/**
 * The nightly run: evaluates every evaluation of a job file, reads back the history for the gates'
 * references and the rolling windows, and only then writes the history, metrics.json and the report.
 */
package io.evalspark.run;
