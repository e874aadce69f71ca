package vn.attthub.regime;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Level determination throughput (issue 3 §5: ≥ 50,000 evaluations/s in-process). Each invocation evaluates one
 * input from a fixed, seeded mix shaped like a provincial register: mostly internal systems and citizen services,
 * some infrastructure, a few industrial-control and state-secret systems, unknowns left null as operators leave
 * them, and one system in ten composite. Run with {@code scripts/bench-level-rules.sh}; not part of
 * {@code ./mvnw verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LevelRulesBenchmark {
    static final int MIX = 4096;
    static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    LevelRules rules;
    LevelInputs[] inputs;
    int next;

    @Setup
    public void setUp() {
        rules = new LevelRules();
        inputs = mix(new Random(20261122L), MIX);
    }

    @Benchmark
    public LevelDetermination determine() {
        LevelInputs in = inputs[next];
        next = (next + 1) & (MIX - 1);
        return rules.determine(in, DAY);
    }

    /** A realistic mix of inputs: the proportions are those of a provincial register, the values random. */
    static LevelInputs[] mix(Random random, int n) {
        LevelInputs[] out = new LevelInputs[n];
        for (int i = 0; i < n; i++) {
            out[i] = one(random);
        }
        return out;
    }

    private static LevelInputs one(Random r) {
        int kind = r.nextInt(100);
        SystemType type = kind < 35 ? SystemType.INTERNAL_OPERATIONS
                : kind < 70 ? SystemType.CITIZEN_BUSINESS_SERVICE
                : kind < 85 ? SystemType.INFORMATION_INFRASTRUCTURE
                : kind < 92 ? SystemType.INDUSTRIAL_CONTROL : SystemType.OTHER;
        EnumSet<InformationType> info = EnumSet.noneOf(InformationType.class);
        if (r.nextInt(10) < 8) info.add(InformationType.PUBLIC);
        if (r.nextInt(10) < 6) info.add(InformationType.PRIVATE);
        if (r.nextInt(10) < 5) info.add(InformationType.PERSONAL);
        if (r.nextInt(100) < 3) info.add(InformationType.STATE_SECRET);
        boolean citizen = type == SystemType.CITIZEN_BUSINESS_SERVICE;
        boolean infra = type == SystemType.INFORMATION_INFRASTRUCTURE;
        boolean ics = type == SystemType.INDUSTRIAL_CONTROL;
        List<Integer> components = null;
        if (r.nextInt(10) == 0) {
            components = new ArrayList<>();
            for (int c = 1 + r.nextInt(4); c > 0; c--) components.add(1 + r.nextInt(4));
        }
        return new LevelInputs(type, r.nextInt(20) == 0 ? null : info,
                citizen ? maybe(r, r.nextInt(5)) : null,
                citizen ? maybe(r, r.nextInt(5) == 0) : null,
                citizen || r.nextBoolean() ? maybe(r, (int) Math.pow(10, 1 + r.nextDouble() * 5)) : null,
                infra ? maybe(r, InfrastructureScope.values()[r.nextInt(InfrastructureScope.values().length)]) : null,
                maybe(r, r.nextInt(4) == 0),
                maybe(r, r.nextInt(50) == 0),
                ics ? maybe(r, ConstructionGrade.values()[r.nextInt(ConstructionGrade.values().length)]) : null,
                ics ? maybe(r, r.nextInt(20) == 0) : null,
                maybe(r, r.nextInt(40) == 0),
                r.nextInt(30) == 0 ? NationalSecurityImpact.values()[r.nextInt(4)] : null,
                maybe(r, r.nextInt(200) == 0),
                maybe(r, r.nextInt(500) == 0),
                components);
    }

    /** One answer in five is left unknown. */
    private static <T> T maybe(Random r, T value) {
        return r.nextInt(5) == 0 ? null : value;
    }
}
