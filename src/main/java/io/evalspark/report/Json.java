package io.evalspark.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.evalspark.metrics.Curve;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON text of report values (maps, lists, strings, numbers, double arrays, curves), written by
 * Jackson. A whole number is written without a fraction (counts stay {@code 591}, not {@code
 * 591.0}), and a non-finite number (an undefined metric) as null.
 */
public final class Json {
  private static final ObjectWriter WRITER = new ObjectMapper()
      .registerModule(new SimpleModule("evalspark-report")
          .addSerializer(Double.class, new NumberSerializer())
          .addSerializer(Double.TYPE, new NumberSerializer())
          .addSerializer(double[].class, new ArraySerializer())
          .addSerializer(Curve.class, new CurveSerializer()))
      .writer(new Printer());

  private Json() {}

  /** The JSON text of {@code value}, indented by two spaces per level, with a final newline. */
  public static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void number(double d, JsonGenerator g) throws IOException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      g.writeNull();
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      g.writeNumber((long) d);
    } else {
      g.writeNumber(d);
    }
  }

  private static final class NumberSerializer extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator g, SerializerProvider provider) throws IOException {
      number(value, g);
    }
  }

  private static final class ArraySerializer extends JsonSerializer<double[]> {
    @Override
    public void serialize(double[] values, JsonGenerator g, SerializerProvider provider) throws IOException {
      g.writeStartArray();
      for (double v : values) {
        number(v, g);
      }
      g.writeEndArray();
    }
  }

  /** A curve is written as its named columns. */
  private static final class CurveSerializer extends JsonSerializer<Curve> {
    @Override
    public void serialize(Curve curve, JsonGenerator g, SerializerProvider provider) throws IOException {
      provider.defaultSerializeValue(curve.columns(), g);
    }
  }

  /** Objects indented by two spaces with {@code "key": value}; arrays on one line. */
  private static final class Printer extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new Printer();
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }
  }
}
