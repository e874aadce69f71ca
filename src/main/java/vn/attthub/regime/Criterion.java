package vn.attthub.regime;

import java.time.LocalDate;
import java.util.function.Predicate;

/**
 * One row of a regime's level criteria: its article reference, level, Vietnamese text, legal basis, the days it is
 * in force ({@code validTo} exclusive, null = open) and its predicate, compiled from the data once. The matched
 * result is prebuilt so that evaluation allocates nothing per row.
 */
record Criterion(String article, int level, String text, String legalBasis, LocalDate validFrom, LocalDate validTo,
                 Predicate<LevelInputs> predicate, MatchedRule matched) {

    Criterion(String article, int level, String text, String legalBasis, LocalDate validFrom, LocalDate validTo,
              Predicate<LevelInputs> predicate) {
        this(article, level, text, legalBasis, validFrom, validTo, predicate, new MatchedRule(article, level, text));
    }

    boolean inForce(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
    }
}
