package vn.attthub.regime;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's input mix exercises every level, the undetermined case (D3) and composite systems (Art 5.2). */
class LevelRulesBenchmarkMixTests {
    @Test
    void theMixReachesEveryOutcome() {
        LevelRules rules = new LevelRules();
        Map<String, Integer> outcomes = new TreeMap<>();
        int composite = 0;
        for (LevelInputs in : LevelRulesBenchmark.mix(new Random(20261122L), LevelRulesBenchmark.MIX)) {
            LevelDetermination d = rules.determine(in, LevelRulesBenchmark.DAY);
            outcomes.merge(d.level() == null ? "none" : "L" + d.level(), 1, Integer::sum);
            if (d.matched().stream().anyMatch(m -> m.article().equals("ND85-5.2"))) composite++;
        }
        assertThat(outcomes).containsKeys("L1", "L2", "L3", "L4", "L5", "none");
        assertThat(composite).isGreaterThan(100);
        System.out.println("benchmark mix outcomes: " + outcomes + ", composite: " + composite);
    }
}
