package vn.attthub.regime;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Determines a system's security level from the criteria of the regime in force (Decree 85/2016 Art 7-11 for
 * {@code ND85}), held as data in {@code regime/*.json}:
 * <ul>
 *   <li>D1: the level is the maximum over every matched row and over the levels of the component systems
 *       (Art 5.2); every matched row is returned, the component contribution as the composite rule's article;</li>
 *   <li>D2: a state-secret or defence/security system with no declared impact matches Art 9.1 (encoded in the data
 *       as "undeclared impact counts as harm");</li>
 *   <li>D3: when nothing matches, the level is null and {@code needsJustification} is true.</li>
 * </ul>
 * Thread-safe and allocation-light: predicates are compiled when the regime is loaded.
 */
@Component
public class LevelRules {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private final RegimeCatalog catalog;
    private final Clock clock;

    public LevelRules() {
        this(RegimeCatalog.standard(), Clock.system(ZONE));
    }

    LevelRules(RegimeCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Evaluates the regime in force today (Asia/Ho_Chi_Minh). */
    public LevelDetermination determine(LevelInputs inputs) {
        return determine(inputs, LocalDate.now(clock));
    }

    /**
     * Evaluates the regime in force on {@code asOf}.
     *
     * @throws IllegalArgumentException when no regime is in force that day or a component level is not 1-5
     */
    public LevelDetermination determine(LevelInputs inputs, LocalDate asOf) {
        Regime regime = catalog.inForce(asOf);
        List<MatchedRule> matched = new ArrayList<>(4);
        int level = 0;
        for (Criterion c : regime.criteria()) {
            if (c.inForce(asOf) && c.predicate().test(inputs)) {
                matched.add(c.matched());
                if (c.level() > level) {
                    level = c.level();
                }
            }
        }
        List<Integer> components = inputs.componentLevels();
        if (components != null && !components.isEmpty()) {
            int highest = 0;
            for (Integer l : components) {
                if (l == null) {
                    continue;
                }
                if (l < 1 || l > 5) {
                    throw new IllegalArgumentException("a component level must be 1-5, not " + l);
                }
                highest = Math.max(highest, l);
            }
            if (highest > 0) {
                matched.add(regime.compositeRules()[highest]);
                level = Math.max(level, highest);
            }
        }
        if (matched.isEmpty()) {
            return new LevelDetermination(null, regime.code(), List.of(), true);
        }
        return new LevelDetermination(level, regime.code(), List.copyOf(matched), false);
    }

    /** The code of the regime in force on a day, e.g. {@code ND85}. */
    public String regimeOn(LocalDate asOf) {
        return catalog.inForce(asOf).code();
    }
}
