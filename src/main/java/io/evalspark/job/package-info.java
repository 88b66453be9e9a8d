/**
 * Reading input, checking it against the evaluation, and planning one aggregation pass for every
 * metric of every slice; the overall result is merged from the slices' states on the driver.
 */
package io.evalspark.job;
