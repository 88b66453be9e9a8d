package io.evalspark.metrics;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads what {@link StateBytesOut} (or {@link java.io.DataOutputStream}) wrote, straight from an
 * array: a number is one load, not a locked call a byte. Reading past the end is an {@link
 * EOFException}, as from {@link DataInputStream}.
 */
final class StateBytesIn implements DataInput {
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private final byte[] bytes;
  private int at;
  private final int end;

  /** Reads {@code length} bytes of {@code bytes} from {@code offset}. */
  StateBytesIn(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.at = offset;
    this.end = offset + length;
  }

  /** How many bytes are left to read. */
  int remaining() {
    return end - at;
  }

  private int take(int n) throws EOFException {
    if (n > end - at) {
      throw new EOFException("it ends " + (n - (end - at)) + " bytes short of a value");
    }
    int from = at;
    at += n;
    return from;
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    System.arraycopy(bytes, take(len), b, off, len);
  }

  @Override
  public int skipBytes(int n) {
    int skipped = Math.max(0, Math.min(n, end - at));
    at += skipped;
    return skipped;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return bytes[take(1)] != 0;
  }

  @Override
  public byte readByte() throws IOException {
    return bytes[take(1)];
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return bytes[take(1)] & 0xFF;
  }

  @Override
  public short readShort() throws IOException {
    return (short) readUnsignedShort();
  }

  @Override
  public int readUnsignedShort() throws IOException {
    int from = take(2);
    return ((bytes[from] & 0xFF) << 8) | (bytes[from + 1] & 0xFF);
  }

  @Override
  public char readChar() throws IOException {
    return (char) readUnsignedShort();
  }

  @Override
  public int readInt() throws IOException {
    return (int) INT.get(bytes, take(4));
  }

  @Override
  public long readLong() throws IOException {
    return (long) LONG.get(bytes, take(8));
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  /** A line of bytes read as Latin-1 characters, ended by a newline, a carriage return or both, as DataInputStream's. */
  @Override
  public String readLine() {
    if (at >= end) {
      return null;
    }
    StringBuilder line = new StringBuilder();
    while (at < end) {
      char c = (char) (bytes[at++] & 0xFF);
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        if (at < end && bytes[at] == '\n') {
          at++;
        }
        break;
      }
      line.append(c);
    }
    return line.toString();
  }

  @Override
  public String readUTF() throws IOException {
    return DataInputStream.readUTF(this);
  }
}
