package io.evalspark;

import org.openjdk.jol.info.GraphLayout;

/** What an object holds: the bytes of every object reachable from it, as JOL measures them. */
public final class HeldBytes {
  static {
    System.setProperty("jol.magicFieldOffset", "true"); // how JOL reads records' fields on Java 17
  }

  private HeldBytes() {}

  /** The total size of the objects reachable from {@code root}, itself included. */
  public static long of(Object root) {
    return GraphLayout.parseInstance(root).totalSize();
  }
}
