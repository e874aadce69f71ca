package vn.attthub.audit;

import java.time.Instant;

/**
 * The rule a correct audit chain obeys, applied one row at a time in {@code seq} order: sequence numbers start at 1
 * and have no gaps (a deleted row leaves one), each row's {@code prev_hash} equals the previous row's {@code hash}
 * (the first row's is 64 zeros), and each stored {@code hash} equals the hash recomputed from the row's content.
 * Only the first break is reported; rows after it are still counted so that the tail ({@code lastSeq},
 * {@code lastHash}) is the real one.
 */
final class ChainCheck {
    static final String GENESIS = "0".repeat(64);

    private long checked;
    private long expectedSeq = 1;
    private String previousHash = GENESIS;
    private Long firstBrokenSeq;
    private String reason;
    private Long lastSeq;
    private String lastHash;

    void accept(long seq, String prevHash, String hash, String recomputed) {
        checked++;
        if (firstBrokenSeq == null) {
            if (seq != expectedSeq) {
                breakAt(expectedSeq, seq > expectedSeq
                        ? "SEQUENCE_GAP: entries " + expectedSeq + (seq - 1 > expectedSeq ? ".." + (seq - 1) : "")
                        + " are missing before entry " + seq
                        : "SEQUENCE_ORDER: entry " + seq + " appears where " + expectedSeq + " was expected");
            } else if (!previousHash.equals(trim(prevHash))) {
                breakAt(seq, "PREV_HASH_MISMATCH: entry " + seq + " does not link to the hash of entry " + (seq - 1));
            } else if (!trim(hash).equals(trim(recomputed))) {
                breakAt(seq, "HASH_MISMATCH: the content of entry " + seq + " does not match its stored hash");
            }
        }
        expectedSeq = seq + 1;
        previousHash = trim(hash);
        lastSeq = seq;
        lastHash = trim(hash);
    }

    private void breakAt(long seq, String why) {
        firstBrokenSeq = seq;
        reason = why;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    ChainVerification result(Instant verifiedAt) {
        return new ChainVerification(firstBrokenSeq == null, checked, firstBrokenSeq, reason, lastSeq, lastHash,
                verifiedAt);
    }
}
