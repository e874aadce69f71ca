package vn.attthub.document;

import java.time.Instant;
import java.util.List;

/**
 * The result of verifying a PDF's signatures ({@link SignatureVerifier}).
 *
 * @param verdict        the document's overall verdict: {@code VALID} only when every signature is intact and
 *                       trusted and the last one covers the whole file
 * @param documentSha256 SHA-256 of the file checked (hex)
 * @param signatures     one check per signature, in the order of the document's revisions
 */
public record SignatureReport(Verdict verdict, String documentSha256, List<SignatureCheck> signatures,
                              Instant checkedAt) {

    public enum Verdict {
        /** Intact, trusted, and nothing was added after the last signature. */
        VALID,
        /** A signature does not match the bytes it claims to cover: the document was altered. */
        INVALID,
        /** The signatures are intact, but content was appended after the last one (an incremental update). */
        MODIFIED_AFTER_SIGNING,
        /** Intact, but a signer's certificate does not chain to a trust anchor. */
        UNTRUSTED,
        /** Intact and issued by a trusted CA, but a certificate of the chain is no longer (or not yet) valid. */
        EXPIRED,
        NO_SIGNATURES
    }

    public enum Trust { TRUSTED, UNTRUSTED, EXPIRED }

    /**
     * @param intact              the CMS signature verifies and its message digest matches the signed byte range
     *                            (and signing-certificate-v2, when present, names the certificate that signed)
     * @param coversWholeDocument the byte range reaches the end of the file: nothing was appended afterwards
     * @param signingTime         the time claimed in the signature dictionary (/M); not a trusted timestamp
     * @param trust               whether the certificate chains to a trust anchor, checked at the current time
     * @param problems            what is wrong, in Vietnamese (English in parentheses); empty when valid
     */
    public record SignatureCheck(String field, String subFilter, boolean intact, boolean coversWholeDocument,
                                 String signerSubject, String signerName, String issuer, String serialNumber,
                                 String certificateSha256, Instant certificateNotBefore, Instant certificateNotAfter,
                                 Instant signingTime, String reason, String location, Trust trust, Verdict verdict,
                                 List<String> problems) {
    }
}
