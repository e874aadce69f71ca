package vn.attthub.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ChainCheckTests {
    static final String Z = ChainCheck.GENESIS;

    static String h(int n) {
        return String.format("%064x", n);
    }

    @Test
    void anIntactChainIsValidAndReportsItsTail() {
        ChainCheck c = new ChainCheck();
        c.accept(1, Z, h(1), h(1));
        c.accept(2, h(1), h(2), h(2));
        ChainVerification v = c.result(Instant.EPOCH);
        assertThat(v.valid()).isTrue();
        assertThat(v.checked()).isEqualTo(2);
        assertThat(v.firstBrokenSeq()).isNull();
        assertThat(v.lastSeq()).isEqualTo(2);
        assertThat(v.lastHash()).isEqualTo(h(2));
    }

    @Test
    void anEmptyTrailIsValid() {
        ChainVerification v = new ChainCheck().result(Instant.EPOCH);
        assertThat(v.valid()).isTrue();
        assertThat(v.checked()).isZero();
        assertThat(v.lastSeq()).isNull();
    }

    @Test
    void editedContentBreaksAtThatEntry() {
        ChainCheck c = new ChainCheck();
        c.accept(1, Z, h(1), h(1));
        c.accept(2, h(1), h(2), h(99));
        c.accept(3, h(2), h(3), h(3));
        ChainVerification v = c.result(Instant.EPOCH);
        assertThat(v.valid()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(2);
        assertThat(v.reason()).startsWith("HASH_MISMATCH");
        assertThat(v.checked()).isEqualTo(3);
        assertThat(v.lastSeq()).isEqualTo(3);
    }

    @Test
    void aMissingEntryIsAGapAtItsNumber() {
        ChainCheck c = new ChainCheck();
        c.accept(1, Z, h(1), h(1));
        c.accept(3, h(2), h(3), h(3));
        ChainVerification v = c.result(Instant.EPOCH);
        assertThat(v.firstBrokenSeq()).isEqualTo(2);
        assertThat(v.reason()).startsWith("SEQUENCE_GAP");
    }

    @Test
    void aMissingFirstEntryIsAGapToo() {
        ChainCheck c = new ChainCheck();
        c.accept(2, h(1), h(2), h(2));
        assertThat(c.result(Instant.EPOCH).firstBrokenSeq()).isEqualTo(1);
    }

    @Test
    void aRehashedForgeryBreaksTheNextLink() {
        ChainCheck c = new ChainCheck();
        c.accept(1, Z, h(1), h(1));
        c.accept(2, h(1), h(42), h(42));   // content and hash both rewritten
        c.accept(3, h(2), h(3), h(3));     // still points at the old hash
        ChainVerification v = c.result(Instant.EPOCH);
        assertThat(v.firstBrokenSeq()).isEqualTo(3);
        assertThat(v.reason()).startsWith("PREV_HASH_MISMATCH");
    }
}
