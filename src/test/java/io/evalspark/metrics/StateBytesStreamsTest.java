package io.evalspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * States are written and read by {@link StateBytesOut} and {@link StateBytesIn}; their bytes must
 * be those of Java's {@link DataOutputStream}, which wrote every stored state before them.
 */
class StateBytesStreamsTest {
  private static final double NAN_WITH_PAYLOAD = Double.longBitsToDouble(0x7ff8_0000_0000_1234L);

  private static void writeAll(DataOutput out) throws IOException {
    out.writeBoolean(true);
    out.writeBoolean(false);
    out.writeByte(-3);
    out.writeByte(200);
    out.writeShort(-2);
    out.writeShort(40_000);
    out.writeChar('한');
    out.writeInt(Integer.MIN_VALUE);
    out.writeInt(0x01020304);
    out.writeLong(-1234567890123456789L);
    out.writeFloat(Float.intBitsToFloat(0x7fc0_0001)); // a NaN that DataOutputStream writes as the one NaN
    out.writeFloat(-0.0f);
    out.writeDouble(NAN_WITH_PAYLOAD);
    out.writeDouble(-0.0);
    out.writeDouble(Double.MIN_VALUE);
    out.writeDouble(Double.NEGATIVE_INFINITY);
    out.writeUTF("");
    out.writeUTF("country=kr, 모델 \u0000 ✓");
    out.writeBytes("ab");
    out.writeChars("가z");
    out.write(new byte[] {9, 8, 7, 6}, 1, 2);
    out.write(new byte[] {5});
    out.write(300);
  }

  private static byte[] fromDataOutputStream() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeAll(out);
    }
    return bytes.toByteArray();
  }

  @Test
  void writesWhatDataOutputStreamWrites() throws IOException {
    StateBytesOut out = new StateBytesOut();
    writeAll(out);
    for (int i = 0; i < 100; i++) { // past the first array, so that it grows
      out.writeLong(i);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream reference = new DataOutputStream(bytes)) {
      writeAll(reference);
      for (int i = 0; i < 100; i++) {
        reference.writeLong(i);
      }
    }
    assertArrayEquals(bytes.toByteArray(), out.toByteArray());
  }

  /** Reads what {@link #writeAll} wrote, as a list of the values' texts. */
  private static String readAll(DataInput in) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append(in.readBoolean()).append(in.readBoolean()).append(' ').append(in.readByte()).append(' ')
        .append(in.readUnsignedByte()).append(' ').append(in.readShort()).append(' ').append(in.readUnsignedShort())
        .append(' ').append(in.readChar()).append(' ').append(in.readInt()).append(' ').append(in.readInt())
        .append(' ').append(in.readLong()).append(' ').append(Float.floatToRawIntBits(in.readFloat())).append(' ')
        .append(in.readFloat()).append(' ').append(Double.doubleToRawLongBits(in.readDouble())).append(' ')
        .append(in.readDouble()).append(' ').append(in.readDouble()).append(' ').append(in.readDouble()).append(' ')
        .append('[').append(in.readUTF()).append("] [").append(in.readUTF()).append("] ");
    byte[] rest = new byte[2 + 4 + 2 + 1 + 1];
    in.readFully(rest);
    for (byte b : rest) {
      s.append(b).append(',');
    }
    return s.toString();
  }

  @Test
  void readsWhatDataInputStreamReadsAndRunsOutAsIt() throws IOException {
    byte[] bytes = fromDataOutputStream();
    String expected = readAll(new DataInputStream(new ByteArrayInputStream(bytes)));
    assertEquals(expected, readAll(new StateBytesIn(bytes, 0, bytes.length)));
    byte[] framed = new byte[bytes.length + 7]; // an offset and a length into a larger array
    System.arraycopy(bytes, 0, framed, 3, bytes.length);
    assertEquals(expected, readAll(new StateBytesIn(framed, 3, bytes.length)));
    StateBytesIn shorter = new StateBytesIn(framed, 3, 12);
    shorter.readLong();
    assertThrows(EOFException.class, shorter::readLong, "8 bytes wanted, 4 left");
    assertThrows(EOFException.class, () -> shorter.readFully(new byte[5]));
    assertEquals(4, shorter.skipBytes(10));
    assertThrows(EOFException.class, shorter::readByte);
  }

  @Test
  @SuppressWarnings("deprecation") // DataInputStream.readLine, the reference for the line reading DataInput asks for
  void readsLinesAsDataInputStreamDoes() throws IOException {
    byte[] bytes = "one\ntwo\r\nthree\rfour\n\nlast".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    DataInputStream reference = new DataInputStream(new ByteArrayInputStream(bytes));
    StateBytesIn in = new StateBytesIn(bytes, 0, bytes.length);
    for (int i = 0; i < 8; i++) {
      assertEquals(reference.readLine(), in.readLine(), "line " + i);
    }
  }

  @Test
  void aStateWrittenBeforeReadsTheSame() {
    BinaryState state = new BinaryState(BinarySettings.defaults());
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 2000; i++) {
      state.update(i % 97 == 0 ? 7 : r.nextInt(2), r.nextDouble(), 0.25 + r.nextInt(4));
    }
    byte[] bytes = state.toByteArray();
    assertArrayEquals(bytes, BinaryState.fromByteArray(bytes).toByteArray());
  }

  @Test
  void aStateWrittenInsideAnotherAndAStateWrittenAfterGetTheirOwnBytes() {
    byte[] outer = StateBytes.write('X', out -> {
      out.write(StateBytes.write('Y', in -> in.writeInt(7)));
      out.writeInt(9);
    });
    byte v = StateBytes.VERSION;
    assertArrayEquals(new byte[] {v, 'X', v, 'Y', 0, 0, 0, 7, 0, 0, 0, 9}, outer);
    // the thread's buffer is reused: a shorter state after it holds none of its bytes
    assertArrayEquals(new byte[] {v, 'Z', 5}, StateBytes.write('Z', out -> out.writeByte(5)));
    assertThrows(java.io.UncheckedIOException.class, () -> StateBytes.write('F', out -> {
      out.writeInt(1);
      throw new IOException("failed");
    }));
    assertArrayEquals(new byte[] {v, 'Z', 6}, StateBytes.write('Z', out -> out.writeByte(6)), "after a failed write");
  }
}
