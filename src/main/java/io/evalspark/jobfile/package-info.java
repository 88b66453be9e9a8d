/**
 * What a run is asked to do: job files in HOCON and the command line's flags on top of them, read
 * into typed run and evaluation settings with errors that name the key, the file and the line.
 */
package io.evalspark.jobfile;
