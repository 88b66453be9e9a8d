package io.evalspark.train;

/** A class that is no PointLoss and whose static code leaves a mark: naming it as --loss must not run it. */
public final class NotALoss {
  static {
    System.setProperty("evalspark.test.not-a-loss-initialised", "yes");
  }

  private NotALoss() {}
}
