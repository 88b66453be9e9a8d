package io.evalspark.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./submit.sh} as a user's shell would, and keeps what it printed and its exit code. */
record SubmitScript(int exitCode, String out, String err) {
  /** {@code ./submit.sh args...} with {@code environment} added to this process's. */
  static SubmitScript run(Map<String, String> environment, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(StandaloneCluster.PROJECT.resolve("submit.sh").toString());
    command.addAll(args);
    Path out = Files.createTempFile("submit", ".out");
    Path err = Files.createTempFile("submit", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(StandaloneCluster.PROJECT.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().remove("EVALSPARK_EMBEDDED");
      pb.environment().putAll(environment);
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("./submit.sh " + String.join(" ", args) + " did not end within 10 minutes");
      }
      return new SubmitScript(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** What it printed, to show when an assertion fails. */
  String printed() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
