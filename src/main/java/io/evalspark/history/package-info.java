/**
 * The metric history of nightly runs and their stored states: the table's layout, its writes (a
 * date replaced whole) and its reads (previous runs, baselines, rolling windows).
 */
package io.evalspark.history;
