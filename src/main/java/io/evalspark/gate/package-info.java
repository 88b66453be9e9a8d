/**
 * Gates: conditions on a metric, against a fixed bound, the previous run or a baseline model, and
 * their verdicts with the values they compared.
 */
package io.evalspark.gate;
