package io.evalspark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * The records the sliced pass shuffles read back through either of Spark's serialisers, since a
 * cluster may set {@code spark.serializer} to Kryo: keys of every slice type, null included.
 */
class SlicedColumnarPassTest {
  @Test
  void sliceRecordsSurviveJavaAndKryoSerialisation() {
    Object[] key = {"kr", 3, true, null, 1.5, 7L};
    byte[] state = {1, 2, 3};
    for (Serializer serializer : List.of(new JavaSerializer(new SparkConf()), new KryoSerializer(new SparkConf()))) {
      SerializerInstance instance = serializer.newInstance();
      for (Tuple2<List<Object>, byte[]> record : List.of(SlicedColumnarPass.record(key, state),
          SlicedColumnarPass.record(new Object[0], null))) {
        Tuple2<List<Object>, byte[]> read = instance.deserialize(
            instance.serialize(record, ClassTag$.MODULE$.apply(Tuple2.class)), ClassTag$.MODULE$.apply(Tuple2.class));
        String what = serializer.getClass().getSimpleName() + " " + record._1();
        assertEquals(record._1(), read._1(), what);
        assertArrayEquals(record._2(), read._2(), what);
      }
    }
    assertEquals(Arrays.asList(key), SlicedColumnarPass.record(key, state)._1());
  }
}
