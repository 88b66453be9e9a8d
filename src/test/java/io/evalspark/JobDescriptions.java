package io.evalspark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/** The descriptions of the Spark jobs an action starts on the shared test session, as the Spark UI shows them. */
public final class JobDescriptions {
  /** Something that starts Spark jobs. */
  public interface Action {
    void run() throws Exception;
  }

  private JobDescriptions() {}

  /** Runs {@code action}; returns the descriptions of the jobs it started ("null" for none), in order. */
  public static List<String> of(Action action) throws Exception {
    SparkContext sc = TestSpark.session().sparkContext();
    List<String> jobs = Collections.synchronizedList(new ArrayList<>());
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        jobs.add(String.valueOf(start.properties().getProperty("spark.job.description")));
      }
    };
    sc.listenerBus().waitUntilEmpty(); // the jobs of earlier actions are not counted
    sc.addSparkListener(listener);
    try {
      action.run();
    } finally {
      sc.listenerBus().waitUntilEmpty();
      sc.removeSparkListener(listener);
    }
    return new ArrayList<>(jobs);
  }
}
