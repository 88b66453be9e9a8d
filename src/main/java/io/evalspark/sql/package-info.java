/**
 * The metric states as Spark aggregate functions: one Catalyst aggregate reads Spark's internal rows
 * into a state per partition, merges states, and returns the merged state, a metric, a struct of
 * metrics, a curve or a confusion matrix. The evaluate job and the SQL functions both use it.
 */
package io.evalspark.sql;
