/**
 * What every layer shares: the task kinds, the row policy for invalid input, option choices, and
 * the project's exceptions, each carrying the exit code a user sees (2 usage, 3 bad data, 1 other).
 */
package io.evalspark.core;
