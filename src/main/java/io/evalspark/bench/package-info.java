/** The shipped benchmark: evaluate against a plain scan and against MLlib's evaluators, in one run. */
package io.evalspark.bench;
