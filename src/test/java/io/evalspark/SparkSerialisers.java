package io.evalspark;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag$;

/**
 * Spark's two serialisers, Java's and Kryo's (a cluster may set {@code spark.serializer} to Kryo),
 * for tests that send what a task sends through each.
 */
public final class SparkSerialisers {
  /** Java's serialiser, then Kryo's, as Spark configures them by default. */
  public static final List<Serializer> BOTH = List.of(new JavaSerializer(new SparkConf()),
      new KryoSerializer(new SparkConf()));

  private SparkSerialisers() {}

  /** {@code value} serialised by {@code serializer} and read back. */
  @SuppressWarnings("unchecked")
  public static <T> T roundTrip(Serializer serializer, T value) {
    SerializerInstance instance = serializer.newInstance();
    return (T) instance.deserialize(instance.serialize(value, ClassTag$.MODULE$.apply(Object.class)),
        ClassTag$.MODULE$.apply(Object.class));
  }
}
