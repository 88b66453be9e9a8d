package io.evalspark.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The driver's heap in use right after each garbage collection, at its highest while this is open:
 * what the driver holds, without the garbage a peak of the heap pools also counts (which depends
 * on when the collector happens to run, not on what the evaluation keeps).
 */
final class LiveHeap implements AutoCloseable {
  private final AtomicLong highest = new AtomicLong();
  private final Set<String> heapPools = new HashSet<>();
  private final NotificationListener listener = (notification, handback) -> {
    if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
          (CompositeData) notification.getUserData());
      long used = 0;
      for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        used += heapPools.contains(pool.getKey()) ? pool.getValue().getUsed() : 0;
      }
      highest.accumulateAndGet(used, Math::max);
    }
  };

  /** Starts watching the collections from now on, after one of its own. */
  LiveHeap() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
    }
    System.gc();
    // the collection's own notice comes on another thread, maybe only after a short run has ended:
    // the heap in use as the collection returns counts from the start
    highest.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
  }

  /** The highest heap use after a collection so far, in MB. */
  double highestMb() {
    return highest.get() / 1e6;
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      try {
        ((NotificationEmitter) collector).removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException e) {
        // never added to this collector
      }
    }
  }
}
