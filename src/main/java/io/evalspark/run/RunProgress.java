package io.evalspark.run;

/** Where a run says what it is doing: the console's progress lines, or nowhere. */
public interface RunProgress {
  /** A stage starts: evaluating, reading the history, writing. */
  void stage(String name);

  /** Something finished, with what it found. */
  void done(String what);
}
