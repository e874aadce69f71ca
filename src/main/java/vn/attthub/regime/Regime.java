package vn.attthub.regime;

import java.time.LocalDate;
import java.util.List;

/**
 * A versioned set of legal rules (DOMAIN.md D4), loaded from {@code classpath:regime/*.json}: the level criteria,
 * the composite-system rule (Art 5.2 for ND85) and the dossier procedure per level.
 *
 * @param compositeRules the composite rule's matched row per component level, index = level (0 unused)
 */
record Regime(String code, String name, LocalDate validFrom, LocalDate validTo, Criterion[] criteria,
              MatchedRule[] compositeRules, List<ProcedureRow> procedures) {

    boolean inForce(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
    }

    /** The procedure for one level, in force on a day. */
    record ProcedureRow(List<Integer> levels, LocalDate validFrom, LocalDate validTo, DossierProcedure procedure) {
        boolean appliesTo(int level, LocalDate day) {
            return levels.contains(level) && !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
        }
    }
}
