package vn.attthub.shared;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;

import java.util.UUID;

/**
 * Identifiers of new rows in the tables that grow with every incident notice (incidents, their clocks and observables,
 * notifications and their deliveries). They are UUID version 7 (RFC 9562): a millisecond timestamp then 74 random
 * bits from a {@link java.security.SecureRandom} (version 4 has 122), so an identifier still cannot be guessed, and
 * rows written together sit together in every index keyed by them. With random (version 4) identifiers each insert
 * touches a random page of each such index: under sustained intake that is a read from disk, a page written back and
 * a full-page image in the WAL per row (docs/benchmarks.md, "Durability of the embedded database, time-ordered ids,
 * the audit chainer").
 */
public final class Ids {
    private static final TimeBasedEpochRandomGenerator GENERATOR = Generators.timeBasedEpochRandomGenerator();

    private Ids() {
    }

    /** A new time-ordered identifier (UUID version 7). */
    public static UUID next() {
        return GENERATOR.generate();
    }
}
