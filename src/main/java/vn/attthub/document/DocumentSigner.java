package vn.attthub.document;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

/**
 * Signs official documents (e.g. a level approval decision, Decree 85/2016 Art 14, {@code Điều 3.1.NĐ.2.14}) with
 * the signing agency's own key: PAdES baseline B-B, verifiable by {@link SignatureVerifier} and by any PAdES
 * reader. Each signature is audited (agency, certificate, document hash).
 */
@Component
public class DocumentSigner {
    private final SigningCredentials credentials;
    private final AuditLog audit;

    DocumentSigner(SigningCredentials credentials, AuditLog audit) {
        this.credentials = credentials;
        this.audit = audit;
    }

    /**
     * @param signer   the agency that signs (its newest active credential valid now is used)
     * @param pdf      the document to sign (may already carry signatures: they stay valid)
     * @param reason   shown by PDF readers, e.g. "Phê duyệt cấp độ hệ thống thông tin"
     * @param location e.g. "Lào Cai, Việt Nam"
     * @throws ConflictException    409 when the agency has no active, currently valid signing certificate
     * @throws IllegalArgumentException when {@code pdf} is not a readable PDF
     */
    @Transactional
    public SignedPdf sign(AgencyId signer, byte[] pdf, String reason, String location) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SigningCredentials.Usable usable = credentials.usable(signer, now).orElseThrow(() -> new ConflictException(
                "Cơ quan ký chưa có chứng thư số còn hiệu lực để ký văn bản; quản trị viên cần nhập khóa ký "
                        + "(PKCS#12) tại mục Khóa ký số (the signing agency has no active, valid signing key)."));
        SigningCredential credential = usable.credential();
        byte[] signed = PadesSigner.sign(pdf, usable.key(), usable.chain(),
                Certificates.commonName(usable.chain().get(0)), reason, location, now);
        audit.record(AuditEntry.success("document.signed", "signing-credential", credential.id(), signer, Map.of(
                "certificateSha256", credential.certificateSha256(),
                "subject", credential.subject(),
                "reason", reason == null ? "" : reason,
                "documentSha256", HexFormat.of().formatHex(Certificates.sha256(signed)))));
        return new SignedPdf(signed, credential.subject(), credential.certificateSha256(), now);
    }
}
