/**
 * Nightly evaluation runs: job files in HOCON with command-line overrides, gates on metrics and on
 * their change against a baseline, rolling windows over stored states, and the run that ties these
 * to the history table and the HTML report.
 */
package io.evalspark.nightly;
