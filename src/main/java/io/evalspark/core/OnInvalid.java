package io.evalspark.core;

/** What to do with rows that cannot be evaluated. */
public enum OnInvalid {
  /** Fail the job, counting the rows and showing an example. */
  FAIL,
  /** Evaluate the other rows and report the counts. */
  SKIP
}
