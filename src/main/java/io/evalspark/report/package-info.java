/** Rendering only: metrics.json, the console table, report.html and its plots. */
package io.evalspark.report;
