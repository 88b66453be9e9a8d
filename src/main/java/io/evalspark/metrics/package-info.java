/**
 * Mergeable metric states in plain Java (no Spark): each state is a sufficient statistic with
 * {@code update}, {@code merge} (associative, commutative, a no-op for an empty state), result
 * formulas, and a versioned byte form. Rows become states per partition; states merge; metrics are
 * computed from merged states only.
 */
package io.evalspark.metrics;
