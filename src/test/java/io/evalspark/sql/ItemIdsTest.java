package io.evalspark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** Items are the same exactly where their values are, whatever number type holds them. */
class ItemIdsTest {
  @Test
  void numbersOfEveryTypeAreOneItemWhereTheirValuesAreEqual() {
    Object five = ItemIds.key(5L);
    for (Object same : new Object[] {(byte) 5, (short) 5, 5, 5.0, 5.0f, Decimal.apply(new BigDecimal("5.000"))}) {
      assertEquals(five, ItemIds.key(same), same.getClass().getSimpleName());
    }
    assertEquals(ItemIds.key(0.0), ItemIds.key(-0.0));
    assertEquals(ItemIds.key(1.5), ItemIds.key(Decimal.apply(new BigDecimal("1.50"))));
    assertEquals(ItemIds.key(1.5), ItemIds.key(1.5f));
    assertNotEquals(ItemIds.key(0.1), ItemIds.key(Decimal.apply(new BigDecimal("0.1"))), "0.1 is no double");
    assertNotEquals(ItemIds.key((1L << 53) + 1), ItemIds.key((double) (1L << 53)));
    assertEquals(ItemIds.key(Decimal.apply(new BigDecimal("18446744073709551615"))),
        ItemIds.key(Decimal.apply(new BigDecimal("18446744073709551615.0"))));
    assertNotEquals(ItemIds.key(Decimal.apply(new BigDecimal("18446744073709551615"))),
        ItemIds.key(Decimal.apply(new BigDecimal("18446744073709551614"))));
    assertEquals(ItemIds.key(0x1p70), ItemIds.key(Decimal.apply(new BigDecimal(2).pow(70))));
    assertNull(ItemIds.key(Double.NaN));
    assertNull(ItemIds.key(Double.NEGATIVE_INFINITY));
    assertEquals("é", ItemIds.key(UTF8String.fromString("é")));
  }

  @Test
  void bothListsAreNumberedInTheOrderItemsAreFirstSeen() {
    double[][] ids = ItemIds.numbered(new Object[] {"a", "b", "a"}, new Object[] {"c", "b", null});
    assertArrayEquals(new double[] {0, 1, 0}, ids[0]);
    assertArrayEquals(new double[] {2, 1, Double.NaN}, ids[1]);
    assertNull(ItemIds.numbered(null, new Object[] {"a"})[0]);
  }
}
