package vn.attthub.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.springframework.stereotype.Component;
import vn.attthub.document.SignatureReport.SignatureCheck;
import vn.attthub.document.SignatureReport.Trust;
import vn.attthub.document.SignatureReport.Verdict;
import vn.attthub.shared.InvalidInputException;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Verifies every signature of a PDF: integrity of the CMS signature over its byte range, whether the last one
 * covers the whole file, who signed (certificate subject and SHA-256 fingerprint), the claimed signing time, and
 * whether the certificate chains to a {@link TrustAnchors trust anchor} (PKIX, at the current time; revocation is
 * not checked). Works for any PAdES/CMS signature (ETSI.CAdES.detached, adbe.pkcs7.detached), not only ours.
 */
@Component
public class SignatureVerifier {
    private final TrustAnchors anchors;

    SignatureVerifier(TrustAnchors anchors) {
        this.anchors = anchors;
    }

    /**
     * @throws InvalidInputException 422 (field {@code file}) when the bytes are not a readable PDF
     */
    public SignatureReport verify(byte[] pdf) {
        return verify(pdf, anchors.current(), Instant.now());
    }

    static SignatureReport verify(byte[] pdf, Set<TrustAnchor> anchors, Instant now) {
        if (pdf.length < 5 || !new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw unreadable("Tệp không phải PDF (the file is not a PDF).");
        }
        List<SignatureCheck> checks = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // In the order of the revisions they sign (the form's field order may differ).
            List<PDSignature> signatures = new ArrayList<>(doc.getSignatureDictionaries());
            signatures.sort(java.util.Comparator.comparingLong(SignatureVerifier::signedEnd));
            for (PDSignature signature : signatures) {
                checks.add(check(pdf, signature, anchors, now));
            }
        } catch (InvalidPasswordException e) {
            throw unreadable("Tệp PDF được mã hóa bằng mật khẩu; không thể kiểm tra (the PDF is password-protected).");
        } catch (IOException e) {
            throw unreadable("Không đọc được tệp PDF (the PDF cannot be read).");
        }
        return new SignatureReport(overall(checks), HexFormat.of().formatHex(Certificates.sha256(pdf)), checks,
                now.truncatedTo(ChronoUnit.SECONDS));
    }

    private static long signedEnd(PDSignature signature) {
        int[] range = signature.getByteRange();
        return range == null || range.length != 4 ? Long.MAX_VALUE : (long) range[2] + range[3];
    }

    private static Verdict overall(List<SignatureCheck> checks) {
        if (checks.isEmpty()) {
            return Verdict.NO_SIGNATURES;
        }
        if (checks.stream().anyMatch(c -> !c.intact())) {
            return Verdict.INVALID;
        }
        if (checks.stream().noneMatch(SignatureCheck::coversWholeDocument)) {
            return Verdict.MODIFIED_AFTER_SIGNING;
        }
        if (checks.stream().anyMatch(c -> c.trust() == Trust.UNTRUSTED)) {
            return Verdict.UNTRUSTED;
        }
        if (checks.stream().anyMatch(c -> c.trust() == Trust.EXPIRED)) {
            return Verdict.EXPIRED;
        }
        return Verdict.VALID;
    }

    private static SignatureCheck check(byte[] pdf, PDSignature signature, Set<TrustAnchor> anchors, Instant now) {
        List<String> problems = new ArrayList<>();
        String field = signature.getName();
        Instant signingTime = time(signature.getSignDate());
        int[] range = signature.getByteRange();
        boolean rangeOk = range != null && range.length == 4 && range[0] == 0 && range[1] > 0 && range[2] > range[1]
                && range[3] >= 0 && (long) range[2] + range[3] <= pdf.length;
        boolean covers = rangeOk && (long) range[2] + range[3] == pdf.length;
        if (!rangeOk) {
            problems.add("Vùng ký (ByteRange) không hợp lệ (invalid byte range).");
            return new SignatureCheck(field, signature.getSubFilter(), false, false, null, null, null, null, null, null,
                    null, signingTime, signature.getReason(), signature.getLocation(), Trust.UNTRUSTED,
                    Verdict.INVALID, problems);
        }
        if (!covers) {
            problems.add("Có nội dung được thêm vào sau chữ ký này (content was appended after this signature).");
        }
        boolean intact = false;
        X509Certificate certificate = null;
        List<X509Certificate> pool = new ArrayList<>();
        try {
            byte[] contents = signature.getContents(pdf);
            byte[] signed = signature.getSignedContent(pdf);
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed), cmsOf(contents));
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
                pool.add(converter.getCertificate(holder));
            }
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                problems.add("Chữ ký phải có đúng một người ký (exactly one signer expected).");
            } else {
                SignerInformation signer = signers.iterator().next();
                Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
                if (matches.isEmpty()) {
                    problems.add("Chữ ký không kèm chứng thư số của người ký (signer certificate missing).");
                } else {
                    X509CertificateHolder holder = matches.iterator().next();
                    certificate = converter.getCertificate(holder);
                    intact = verifies(signer, holder, problems) && namesItsCertificate(signer, holder, problems);
                }
            }
        } catch (CMSException | IOException | GeneralSecurityException | RuntimeException e) {
            problems.add("Không đọc được dữ liệu chữ ký CMS (the CMS signature cannot be parsed).");
        }
        Trust trust = certificate == null ? Trust.UNTRUSTED : trust(certificate, pool, anchors, now, signingTime);
        if (certificate != null && trust == Trust.UNTRUSTED) {
            problems.add("Chứng thư số không được cấp bởi tổ chức chứng thực tin cậy (the certificate does not "
                    + "chain to a trust anchor).");
        } else if (trust == Trust.EXPIRED) {
            problems.add("Chứng thư số đã hết hạn hoặc chưa có hiệu lực (a certificate of the chain is expired or "
                    + "not yet valid).");
        }
        if (certificate != null && signingTime != null && (signingTime.isBefore(certificate.getNotBefore().toInstant())
                || signingTime.isAfter(certificate.getNotAfter().toInstant()))) {
            problems.add("Thời điểm ký nằm ngoài thời hạn của chứng thư số (signing time outside the certificate's "
                    + "validity).");
        }
        Verdict verdict = !intact ? Verdict.INVALID : trust == Trust.UNTRUSTED ? Verdict.UNTRUSTED
                : trust == Trust.EXPIRED ? Verdict.EXPIRED : Verdict.VALID;
        return new SignatureCheck(field, signature.getSubFilter(), intact, covers,
                certificate == null ? null : Certificates.subject(certificate),
                certificate == null ? null : Certificates.commonName(certificate),
                certificate == null ? null : Certificates.issuer(certificate),
                certificate == null ? null : certificate.getSerialNumber().toString(16).toUpperCase(),
                certificate == null ? null : Certificates.sha256(certificate),
                certificate == null ? null : certificate.getNotBefore().toInstant(),
                certificate == null ? null : certificate.getNotAfter().toInstant(),
                signingTime, signature.getReason(), signature.getLocation(), trust, verdict, List.copyOf(problems));
    }

    private static boolean verifies(SignerInformation signer, X509CertificateHolder holder, List<String> problems) {
        try {
            if (signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder))) {
                return true;
            }
        } catch (CMSException e) {
            // a digest mismatch: the signed bytes changed
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            problems.add("Thuật toán chữ ký không được hỗ trợ (unsupported signature algorithm).");
            return false;
        }
        problems.add("Nội dung đã bị thay đổi sau khi ký: chữ ký không khớp (the signed content was altered).");
        return false;
    }

    /** signing-certificate-v2 (PAdES), when present, must name the certificate that verified the signature. */
    private static boolean namesItsCertificate(SignerInformation signer, X509CertificateHolder holder,
                                               List<String> problems) throws IOException {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute attribute = attributes == null ? null
                : attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) {
            return true;
        }
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        ESSCertIDv2[] ids = SigningCertificateV2.getInstance(value).getCerts();
        if (ids.length > 0 && ids[0].getHashAlgorithm().getAlgorithm().equals(NISTObjectIdentifiers.id_sha256)
                && Arrays.equals(ids[0].getCertHash(), Certificates.sha256(holder.getEncoded()))) {
            return true;
        }
        problems.add("Thuộc tính signing-certificate-v2 không khớp với chứng thư số ký (signing-certificate-v2 "
                + "does not match the signer's certificate).");
        return false;
    }

    private static Trust trust(X509Certificate certificate, List<X509Certificate> pool, Set<TrustAnchor> anchors,
                               Instant now, Instant signingTime) {
        if (anchors.isEmpty()) {
            return Trust.UNTRUSTED;
        }
        if (chains(certificate, pool, anchors, now)) {
            return Trust.TRUSTED;
        }
        // Would it chain at a time when the certificate was valid? Then it is trusted but expired (or not yet valid).
        Instant then = signingTime != null && !signingTime.isBefore(certificate.getNotBefore().toInstant())
                && !signingTime.isAfter(certificate.getNotAfter().toInstant()) ? signingTime
                : certificate.getNotBefore().toInstant().plusSeconds(1);
        return chains(certificate, pool, anchors, then) ? Trust.EXPIRED : Trust.UNTRUSTED;
    }

    private static boolean chains(X509Certificate certificate, List<X509Certificate> pool, Set<TrustAnchor> anchors,
                                  Instant at) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            List<X509Certificate> all = new ArrayList<>(pool);
            all.add(certificate);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(all)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The /Contents hex string is padded with zeros after the DER SignedData: read just the first object. */
    static org.bouncycastle.asn1.cms.ContentInfo cmsOf(byte[] contents) throws IOException {
        try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(contents)) {
            return org.bouncycastle.asn1.cms.ContentInfo.getInstance(in.readObject());
        }
    }

    private static Instant time(Calendar calendar) {
        return calendar == null ? null : calendar.toInstant();
    }

    private static InvalidInputException unreadable(String message) {
        return new InvalidInputException(422, message, List.of(new InvalidInputException.FieldError("file", message)));
    }
}
