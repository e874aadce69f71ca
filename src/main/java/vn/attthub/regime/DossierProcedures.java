package vn.attthub.regime;

import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * The dossier procedure for a proposed level (Decree 85/2016 Art 12, 14, 15.5, 16.2, 17.2; Circular 03/2017
 * Art 14.3), read from the regime data in force on a day.
 */
@Component
public class DossierProcedures {
    private final RegimeCatalog catalog;

    public DossierProcedures() {
        this(RegimeCatalog.standard());
    }

    DossierProcedures(RegimeCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @throws IllegalArgumentException when the level is not 1-5 or no regime defines it on that day
     */
    public DossierProcedure forLevel(int level, LocalDate asOf) {
        if (level < 1 || level > 5) {
            throw new IllegalArgumentException("a level must be 1-5, not " + level);
        }
        Regime regime = catalog.inForce(asOf);
        for (Regime.ProcedureRow row : regime.procedures()) {
            if (row.appliesTo(level, asOf)) {
                return row.procedure();
            }
        }
        throw new IllegalArgumentException("regime " + regime.code() + " has no procedure for level " + level
                + " on " + asOf);
    }
}
