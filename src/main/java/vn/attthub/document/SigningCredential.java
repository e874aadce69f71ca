package vn.attthub.document;

import vn.attthub.shared.AgencyId;

import java.time.Instant;
import java.util.UUID;

/**
 * An agency's signing key and certificate, as anyone may see it: never the key itself.
 *
 * @param certificateSha256 SHA-256 of the DER certificate, hex (the fingerprint people compare)
 * @param origin            {@code IMPORTED} (a PKCS#12 file) or {@code DEMO_CA} (issued by the demo CA)
 */
public record SigningCredential(UUID id, AgencyId agency, String subject, String issuer, String serialNumber,
                                Instant notBefore, Instant notAfter, String certificateSha256, String keyAlgorithm,
                                String origin, boolean active, Instant createdAt, Instant deactivatedAt) {

    /** Active and valid at {@code at}. */
    public boolean usableAt(Instant at) {
        return active && !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }
}
