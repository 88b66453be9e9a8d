package io.evalspark.job;

import io.evalspark.metrics.CustomMetricState;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A metric state of a user's own, as a user would write it: the weighted share of rows whose error
 * is above 0.5 ({@code far_share}) and the largest error ({@code worst_error}).
 */
public final class FarRows implements CustomMetricState {
  private double far;
  private double weight;
  private double worst;

  @Override
  public List<String> names() {
    return List.of("far_share", "worst_error");
  }

  @Override
  public void update(double y, double p, double w) {
    double error = Math.abs(y - p);
    far += error > 0.5 ? w : 0.0;
    weight += w;
    worst = Math.max(worst, error);
  }

  @Override
  public void merge(CustomMetricState other) {
    FarRows o = (FarRows) other;
    far += o.far;
    weight += o.weight;
    worst = Math.max(worst, o.worst);
  }

  @Override
  public double[] values() {
    return new double[] {weight == 0 ? Double.NaN : far / weight, worst};
  }

  @Override
  public byte[] toByteArray() {
    return ByteBuffer.allocate(25).put((byte) 1).putDouble(far).putDouble(weight).putDouble(worst).array();
  }

  @Override
  public void restore(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (b.get() != 1) {
      throw new IllegalArgumentException("FarRows: unknown version");
    }
    far = b.getDouble();
    weight = b.getDouble();
    worst = b.getDouble();
  }
}
