/**
 * Training: dense networks fitted by synchronous data-parallel mini-batch gradient descent, each
 * step one Spark job whose partitions return gradient and loss sums; per-epoch monitoring through
 * the evaluation states of {@code io.evalspark.metrics}; early stopping; history; the model file.
 */
package io.evalspark.train;
