/**
 * Carrying out a run read by {@code jobfile}: evaluates every evaluation, reads the history back for
 * the gates' references and the rolling windows, checks the gates, and only then writes the history,
 * metrics.json and the report; and what the run found (outcomes, windows, slices).
 */
package io.evalspark.run;
