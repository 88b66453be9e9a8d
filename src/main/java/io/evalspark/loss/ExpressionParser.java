package io.evalspark.loss;

import io.evalspark.core.Messages;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads an {@link Expression} by recursive descent. Precedence, loosest first: comparisons;
 * {@code + -}; {@code * /}; unary minus; {@code ^} (right-associative, so {@code -p^2} is
 * {@code -(p^2)}).
 */
final class ExpressionParser {
  /**
   * The most levels an expression nests (parentheses, operators applied to operators): a deeper one
   * would overflow the stack of the threads that read, evaluate and differentiate it.
   */
  static final int MOST_DEPTH = 100;
  private final String text;
  private int at;
  /** How many readings of a unary expression are open: the reader's own depth. */
  private int open;
  /**
   * How many operators deep each operator read so far nests (a number or a variable, absent: 0), each
   * at most {@link #MOST_DEPTH}: kept as they are built, so that no subtree is walked again.
   */
  private final Map<Expression, Integer> depths = new IdentityHashMap<>();

  ExpressionParser(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the expression is empty");
    }
    this.text = text;
  }

  Expression parse() {
    Expression e = comparison();
    skipSpaces();
    if (at < text.length()) {
      throw error("an operator or the end");
    }
    if (e instanceof Expression.Apply && ((Expression.Apply) e).operator() == null) {
      return ((Expression.Apply) e).arguments()[0];
    }
    return e;
  }

  private Expression comparison() {
    int start = position();
    Expression left = additive();
    for (Operator op : new Operator[] {Operator.LESS_EQUAL, Operator.GREATER_EQUAL, Operator.EQUAL,
        Operator.NOT_EQUAL, Operator.LESS, Operator.GREATER}) {
      if (take(op.symbol())) {
        return apply(op, start, left, additive());
      }
    }
    return left;
  }

  private Expression additive() {
    int start = position();
    Expression e = term();
    while (true) {
      if (take("+")) {
        e = apply(Operator.ADD, start, e, term());
      } else if (take("-")) {
        e = apply(Operator.SUBTRACT, start, e, term());
      } else {
        return e;
      }
    }
  }

  private Expression term() {
    int start = position();
    Expression e = unary();
    while (true) {
      if (take("*")) {
        e = apply(Operator.MULTIPLY, start, e, unary());
      } else if (take("/")) {
        e = apply(Operator.DIVIDE, start, e, unary());
      } else {
        return e;
      }
    }
  }

  private Expression unary() {
    if (++open > MOST_DEPTH + 1) { // the innermost reading is of the number or variable itself
      throw tooDeep();
    }
    int start = position();
    Expression out;
    if (take("-")) {
      out = apply(Operator.NEGATE, start, unary());
    } else {
      Expression base = primary();
      out = take("^") ? apply(Operator.POWER, start, base, unary()) : base;
    }
    open--;
    return out;
  }

  private Expression primary() {
    int start = position();
    if (take("(")) {
      Expression inner = comparison();
      expect(")");
      return inner;
    }
    if (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
      return number(start);
    }
    if (at < text.length() && Character.isLetter(text.charAt(at))) {
      String name = word();
      if (name.equals("y") || name.equals("p") || name.equals("w")) {
        return new Expression.Variable(name.charAt(0));
      }
      return call(name, start);
    }
    throw error("a number, y, p, w, a function or '('");
  }

  private Expression call(String name, int start) {
    boolean mean = name.equals("mean");
    Operator op = mean ? null : Operator.function(name);
    if (!mean && op == null) {
      throw new IllegalArgumentException("unknown function '" + name + "' in '" + text + "'; known: mean, " + functions());
    }
    expect("(");
    List<Expression> args = new ArrayList<>();
    args.add(comparison());
    while (take(",")) {
      args.add(comparison());
    }
    expect(")");
    int arity = mean ? 1 : op.arity();
    if (args.size() != arity) {
      throw new IllegalArgumentException(name + "(...) takes " + arity + " argument" + (arity == 1 ? "" : "s")
          + ", got " + args.size() + " in '" + text + "'");
    }
    if (mean && (start != 0 || !text.substring(position()).isBlank())) {
      throw new IllegalArgumentException("mean(...) may only wrap the whole expression (every expression is a mean"
          + " over rows); in '" + text + "'");
    }
    return apply(op, start, args.toArray(new Expression[0]));
  }

  private Expression number(int start) {
    while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.'
        || text.charAt(at) == 'e' || text.charAt(at) == 'E'
        || ((text.charAt(at) == '-' || text.charAt(at) == '+') && (text.charAt(at - 1) == 'e' || text.charAt(at - 1) == 'E')))) {
      at++;
    }
    String literal = text.substring(start, at);
    try {
      return new Expression.Constant(Double.parseDouble(literal), literal);
    } catch (NumberFormatException e) {
      at = start;
      throw error("a number (not '" + literal + "')");
    }
  }

  private String word() {
    int start = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
      at++;
    }
    return text.substring(start, at);
  }

  private Expression apply(Operator op, int start, Expression... args) {
    int deepest = 0;
    for (Expression a : args) {
      deepest = Math.max(deepest, depths.getOrDefault(a, 0));
    }
    if (deepest >= MOST_DEPTH) { // a chain such as y + y + ... nests to the left without nesting the reader
      throw tooDeep();
    }
    Expression e = new Expression.Apply(op, args, text.substring(start, at).trim());
    depths.put(e, args.length == 0 ? 0 : 1 + deepest);
    return e;
  }

  private IllegalArgumentException tooDeep() {
    return new IllegalArgumentException("the expression '" + Messages.shortened(text, 60)
        + "' nests more than " + MOST_DEPTH + " levels deep (parentheses, or operators applied to operators); write"
        + " it with fewer levels");
  }

  private int position() {
    skipSpaces();
    return at;
  }

  private boolean take(String token) {
    skipSpaces();
    if (text.startsWith(token, at)) {
      at += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!take(token)) {
      throw error("'" + token + "'");
    }
  }

  private void skipSpaces() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException error(String expected) {
    skipSpaces();
    String found = at < text.length() ? "'" + text.charAt(at) + "'" : "the end";
    return new IllegalArgumentException("cannot read the expression '" + text + "' at position " + (at + 1)
        + ": expected " + expected + ", found " + found);
  }

  private static String functions() {
    StringJoiner names = new StringJoiner(", ");
    for (Operator o : Operator.values()) {
      if (Character.isLetter(o.symbol().charAt(0))) {
        names.add(o.symbol());
      }
    }
    return names.toString();
  }
}
