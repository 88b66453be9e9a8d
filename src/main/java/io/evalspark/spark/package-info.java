/**
 * Spark aggregators (UDAFs) that wrap the metric states: rows update a state per partition in
 * place, states merge, and the merged state comes back to the driver as its byte form.
 */
package io.evalspark.spark;
