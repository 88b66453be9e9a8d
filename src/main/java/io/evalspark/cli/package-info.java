/**
 * picocli commands: thin, they parse options and call the layers below; and the console's progress
 * lines, counted from Spark's task events.
 */
package io.evalspark.cli;
