package vn.attthub.audit;

import java.time.Instant;

/**
 * The outcome of re-computing the whole audit chain. It reveals counts and hashes only, never an entry's content.
 * {@code lastSeq}/{@code lastHash} let an operator anchor the chain outside the database (write them down or
 * publish them): a later verification whose chain no longer contains that pair proves that the tail was cut.
 *
 * @param valid          true when every entry links and hashes correctly
 * @param checked        number of entries read
 * @param firstBrokenSeq the first sequence number where the chain breaks (a missing entry's number for a gap)
 * @param reason         machine-readable code and a sentence, or null when valid
 * @param lastSeq        the newest entry's sequence number (null for an empty trail)
 * @param lastHash       the newest entry's hash
 * @param verifiedAt     when the verification ran
 */
public record ChainVerification(boolean valid, long checked, Long firstBrokenSeq, String reason, Long lastSeq,
                                String lastHash, Instant verifiedAt) {
}
