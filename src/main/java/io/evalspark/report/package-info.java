/** Turning evaluation results into what people and schedulers read: metrics.json and a console table. */
package io.evalspark.report;
