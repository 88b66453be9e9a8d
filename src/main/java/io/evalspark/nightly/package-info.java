/**
 * Nightly evaluation runs: job files in HOCON with command-line overrides, gates on metrics and on
 * their change against a baseline, what a run found (outcomes, windows, gate results), and its
 * console progress.
 */
package io.evalspark.nightly;
