package vn.attthub.regime;

import java.util.List;

/**
 * The result of evaluating a regime: the maximum level over every matched row (DOMAIN.md D1), or null with
 * {@code needsJustification} when nothing matched (D3).
 */
public record LevelDetermination(Integer level, String regime, List<MatchedRule> matched, boolean needsJustification) {
}
