/** picocli commands: thin, they parse options and call the job and report layers. */
package io.evalspark.cli;
