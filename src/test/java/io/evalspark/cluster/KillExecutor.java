package io.evalspark.cluster;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * A test hook that kills its executor's JVM with {@code kill -9}, once, when the first attempt of
 * a given partition's task starts in a job whose description contains a given text, or a given
 * number of milliseconds after it starts. Given to the cluster with {@code --jars} and
 * {@code spark.plugins}; {@code spark.evalspark.test.kill} is {@code TEXT|PARTITION|MARKER_FILE} or
 * {@code TEXT|PARTITION|MARKER_FILE|MILLISECONDS}, the marker saying it happened (and making it happen once).
 */
public final class KillExecutor implements SparkPlugin {
  static final String SETTING = "spark.evalspark.test.kill";

  @Override
  public DriverPlugin driverPlugin() {
    return null;
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      private String text;
      private int partition;
      private File marker;
      private long delay;

      @Override
      public void init(PluginContext ctx, Map<String, String> extraConf) {
        String[] parts = ctx.conf().get(SETTING).split("\\|");
        text = parts[0];
        partition = Integer.parseInt(parts[1]);
        marker = new File(parts[2]);
        delay = parts.length > 3 ? Long.parseLong(parts[3]) : 0;
      }

      @Override
      public void onTaskStart() {
        TaskContext task = TaskContext.get();
        String description = task.getLocalProperty("spark.job.description");
        if (description != null && description.contains(text) && task.partitionId() == partition
            && task.attemptNumber() == 0 && task.stageAttemptNumber() == 0) {
          if (delay == 0) {
            kill();
          } else {
            Thread later = new Thread(() -> {
              try {
                Thread.sleep(delay);
              } catch (InterruptedException e) {
                return;
              }
              kill();
            });
            later.setDaemon(true);
            later.start();
          }
        }
      }

      private void kill() {
        try {
          if (marker.createNewFile()) {
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
          }
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
