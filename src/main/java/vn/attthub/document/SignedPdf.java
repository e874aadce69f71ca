package vn.attthub.document;

import java.time.Instant;

/**
 * A PDF signed by {@link DocumentSigner}.
 *
 * @param pdf               the signed document (the input plus an incremental update holding the signature)
 * @param signerSubject     the signing certificate's subject, e.g. {@code CN=UBND tỉnh Lào Cai, OU=T-LAO-CAI, ...}
 * @param certificateSha256 SHA-256 fingerprint of the signing certificate (hex)
 * @param signedAt          the signing time written in the signature (/M), to the second
 */
public record SignedPdf(byte[] pdf, String signerSubject, String certificateSha256, Instant signedAt) {
}
