package vn.attthub.regime;

/** One criterion row that matched: its article reference (e.g. {@code ND85-9.2.c}), level and Vietnamese text. */
public record MatchedRule(String article, int level, String text) {
}
