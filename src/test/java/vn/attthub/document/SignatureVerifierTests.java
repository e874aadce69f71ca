package vn.attthub.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.attthub.document.SignatureReport.SignatureCheck;
import vn.attthub.document.SignatureReport.Trust;
import vn.attthub.document.SignatureReport.Verdict;
import vn.attthub.shared.InvalidInputException;

import java.io.ByteArrayOutputStream;
import java.security.cert.TrustAnchor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PAdES B-B signatures (ETSI EN 319 142-1) made by {@link PadesSigner}, checked by {@link SignatureVerifier}. */
class SignatureVerifierTests {
    static TestPki.Issued ca;
    static TestPki.Issued signer;
    static Set<TrustAnchor> anchors;
    static byte[] document;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("CN=Test CA, O=Test, C=VN");
        signer = TestPki.leaf(ca, "CN=UBND tỉnh Lào Cai, OU=T-LAO-CAI, O=Test, C=VN");
        anchors = Set.of(new TrustAnchor(ca.certificate(), null));
        document = TestFiles.pdf("Quyết định phê duyệt cấp độ");
    }

    static byte[] sign(byte[] pdf, TestPki.Issued who) {
        return PadesSigner.sign(pdf, who.keys().getPrivate(), who.chain(), "Lào Cai", "Phê duyệt cấp độ",
                "Lào Cai, Việt Nam", Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aFreshlySignedPdfIsValidAndNamesItsSigner() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] signed = sign(document, signer);

        SignatureReport report = SignatureVerifier.verify(signed, anchors, Instant.now());
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures()).singleElement().satisfies(c -> {
            assertThat(c.intact()).isTrue();
            assertThat(c.coversWholeDocument()).isTrue();
            assertThat(c.trust()).isEqualTo(Trust.TRUSTED);
            assertThat(c.verdict()).isEqualTo(Verdict.VALID);
            assertThat(c.signerSubject()).isEqualTo("CN=UBND tỉnh Lào Cai,OU=T-LAO-CAI,O=Test,C=VN");
            assertThat(c.signerName()).isEqualTo("UBND tỉnh Lào Cai");
            assertThat(c.certificateSha256()).isEqualTo(Certificates.sha256(signer.certificate()));
            assertThat(c.signingTime()).isBetween(before, Instant.now());
            assertThat(c.subFilter()).isEqualTo("ETSI.CAdES.detached");
            assertThat(c.reason()).isEqualTo("Phê duyệt cấp độ");
            assertThat(c.problems()).isEmpty();
        });
        // The original revision is untouched: signing is an incremental update.
        assertThat(signed).startsWith(document);
    }

    @Test
    void theCmsIsPadesBaselineB() throws Exception {
        byte[] signed = sign(document, signer);
        try (PDDocument doc = Loader.loadPDF(signed)) {
            PDSignature signature = doc.getLastSignatureDictionary();
            assertThat(signature.getFilter()).isEqualTo("Adobe.PPKLite");
            CMSSignedData cms = new CMSSignedData(SignatureVerifier.cmsOf(signature.getContents(signed)));
            assertThat(cms.isDetachedSignature()).isTrue();
            SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
            assertThat(info.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
            assertThat(info.getSignedAttributes().get(CMSAttributes.messageDigest)).isNotNull();
            // EN 319 142-1 §6.3: the signing-time attribute shall not be present; the time is /M.
            assertThat(info.getSignedAttributes().get(CMSAttributes.signingTime)).isNull();
            assertThat(signature.getSignDate()).isNotNull();
            assertThat(cms.getCertificates().getMatches(null)).hasSize(2);
        }
    }

    @Test
    void oneByteChangedInsideTheSignedRangeMakesItInvalid() throws Exception {
        byte[] signed = sign(document, signer);
        byte[] tampered = signed.clone();
        // "%PDF-1.x": the version digit lies inside the first signed range and keeps the file readable.
        tampered[7] = (byte) (tampered[7] == '7' ? '6' : '7');

        SignatureReport report = SignatureVerifier.verify(tampered, anchors, Instant.now());
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        SignatureCheck check = report.signatures().get(0);
        assertThat(check.intact()).isFalse();
        assertThat(check.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(check.problems()).anyMatch(p -> p.contains("đã bị thay đổi"));
    }

    @Test
    void anIncrementalUpdateAppendedAfterSigningIsReportedAsModified() throws Exception {
        byte[] signed = sign(document, signer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = Loader.loadPDF(signed)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Quyết định đã bị sửa");
            info.getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AtttTampered"), COSName.Y);
            doc.saveIncremental(out);
        }
        byte[] appended = out.toByteArray();
        assertThat(appended.length).isGreaterThan(signed.length);

        SignatureReport report = SignatureVerifier.verify(appended, anchors, Instant.now());
        assertThat(report.verdict()).isEqualTo(Verdict.MODIFIED_AFTER_SIGNING);
        SignatureCheck check = report.signatures().get(0);
        assertThat(check.intact()).isTrue();
        assertThat(check.coversWholeDocument()).isFalse();
        assertThat(check.problems()).anyMatch(p -> p.contains("thêm vào sau chữ ký"));
    }

    @Test
    void aSelfSignedCertificateIsUntrusted() throws Exception {
        TestPki.Issued self = TestPki.selfSigned("CN=Kẻ giả mạo, O=Unknown, C=VN");
        SignatureReport report = SignatureVerifier.verify(sign(document, self), anchors, Instant.now());
        assertThat(report.verdict()).isEqualTo(Verdict.UNTRUSTED);
        assertThat(report.signatures().get(0).intact()).isTrue();
        assertThat(report.signatures().get(0).trust()).isEqualTo(Trust.UNTRUSTED);
        assertThat(report.signatures().get(0).signerName()).isEqualTo("Kẻ giả mạo");
    }

    @Test
    void aCertificateThatHasSinceExpiredIsReportedAsExpired() throws Exception {
        byte[] signed = sign(document, signer);
        SignatureReport report = SignatureVerifier.verify(signed, anchors, Instant.now().plus(Duration.ofDays(400)));
        assertThat(report.verdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(report.signatures().get(0).trust()).isEqualTo(Trust.EXPIRED);
    }

    @Test
    void aSecondSignatureKeepsTheFirstOneValid() throws Exception {
        TestPki.Issued second = TestPki.leaf(ca, "CN=Sở Khoa học và Công nghệ tỉnh Lào Cai, O=Test, C=VN");
        byte[] twice = sign(sign(document, signer), second);
        SignatureReport report = SignatureVerifier.verify(twice, anchors, Instant.now());
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures()).hasSize(2).allSatisfy(c -> assertThat(c.intact()).isTrue());
        assertThat(report.signatures()).extracting(SignatureCheck::coversWholeDocument).containsExactly(false, true);
    }

    @Test
    void aPdfWithoutSignaturesSaysSo() {
        SignatureReport report = SignatureVerifier.verify(document, anchors, Instant.now());
        assertThat(report.verdict()).isEqualTo(Verdict.NO_SIGNATURES);
        assertThat(report.signatures()).isEmpty();
    }

    @Test
    void somethingThatIsNotAPdfIsRefused() {
        assertThatThrownBy(() -> SignatureVerifier.verify("không phải PDF".getBytes(), anchors, Instant.now()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> SignatureVerifier.verify("%PDF-1.7 rác".getBytes(), anchors, Instant.now()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.status()).isEqualTo(422));
    }
}
