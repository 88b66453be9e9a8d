package io.evalspark.sql;

/**
 * Numbers given in turn to pairs of numbers that are not negative (as {@link SliceKeys} numbers
 * the values of its slice columns up to one column): an open-addressing table of primitive pairs,
 * so that a row's lookup allocates nothing.
 */
final class PairNumbers {
  /** Each slot's pair plus one (0 is empty), and beside it its number. At most half the slots are full. */
  private long[] pairs = new long[16];
  private int[] numbers = new int[16];
  private int size;

  /** How many pairs have a number. */
  int size() {
    return size;
  }

  /** The number of the pair ({@code first}, {@code second}), the next one when the pair is new. */
  int number(int first, int second) {
    long pair = (((long) first << 32) | second) + 1;
    int mask = pairs.length - 1;
    for (int s = slot(pair, mask); ; s = (s + 1) & mask) {
      if (pairs[s] == pair) {
        return numbers[s];
      }
      if (pairs[s] == 0) {
        pairs[s] = pair;
        numbers[s] = size++;
        if (2 * size > pairs.length) {
          grow();
        }
        return size - 1;
      }
    }
  }

  private void grow() {
    long[] oldPairs = pairs;
    int[] oldNumbers = numbers;
    pairs = new long[2 * oldPairs.length];
    numbers = new int[pairs.length];
    int mask = pairs.length - 1;
    for (int k = 0; k < oldPairs.length; k++) {
      if (oldPairs[k] != 0) {
        int s = slot(oldPairs[k], mask);
        while (pairs[s] != 0) {
          s = (s + 1) & mask;
        }
        pairs[s] = oldPairs[k];
        numbers[s] = oldNumbers[k];
      }
    }
  }

  /** A slot from all of the pair's bits: times an odd number, whose top bits mix them all. */
  private static int slot(long pair, int mask) {
    return (int) ((pair * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }
}
