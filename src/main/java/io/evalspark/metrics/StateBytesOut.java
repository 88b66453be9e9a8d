package io.evalspark.metrics;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The bytes {@link DataOutputStream} would write over a {@link ByteArrayOutputStream}, written
 * straight into one growing array: a number is one store, not a locked call a byte. A sliced
 * pass writes thousands of states of thousands of cells each, so this is most of what writing a
 * state costs.
 */
final class StateBytesOut implements DataOutput {
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private byte[] bytes;
  private int size;

  StateBytesOut() {
    this(256);
  }

  /** Starts with room for {@code capacity} bytes. */
  StateBytesOut(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  /** Writes {@code v} over the four bytes written from {@code at} on, as {@link #writeInt} wrote them. */
  void setInt(int at, int v) {
    if (at < 0 || at + 4 > size) {
      throw new IndexOutOfBoundsException("no four bytes written at " + at + " of " + size);
    }
    INT.set(bytes, at, v);
  }

  /** Forgets what was written, keeping the room: the next byte is written first. */
  StateBytesOut emptied() {
    size = 0;
    return this;
  }

  /** How many bytes it can hold without growing. */
  int capacity() {
    return bytes.length;
  }

  /** The bytes written so far, in an array of their length. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void room(int n) {
    if (size + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + n));
    }
  }

  @Override
  public void write(int b) {
    room(1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    room(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    room(2);
    bytes[size++] = (byte) (v >>> 8);
    bytes[size++] = (byte) v;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    room(4);
    INT.set(bytes, size, v);
    size += 4;
  }

  @Override
  public void writeLong(long v) {
    room(8);
    LONG.set(bytes, size, v);
    size += 8;
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v)); // as DataOutputStream: every NaN written as the one NaN
  }

  @Override
  public void writeBytes(String s) {
    for (int i = 0; i < s.length(); i++) {
      write(s.charAt(i));
    }
  }

  @Override
  public void writeChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      writeChar(s.charAt(i));
    }
  }

  /** Modified UTF-8 with its length first, exactly as {@link DataOutputStream#writeUTF} writes it. */
  @Override
  public void writeUTF(String s) throws IOException {
    ByteArrayOutputStream utf = new ByteArrayOutputStream(s.length() + 2);
    new DataOutputStream(utf).writeUTF(s);
    write(utf.toByteArray());
  }
}
