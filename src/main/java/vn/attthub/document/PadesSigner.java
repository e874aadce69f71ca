package vn.attthub.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

/**
 * PAdES baseline B-B (ETSI EN 319 142-1): an incremental update adds a signature dictionary with SubFilter
 * {@code ETSI.CAdES.detached}; its /Contents is a detached CMS SignedData over the byte range with the signed
 * attributes content-type, message-digest and signing-certificate-v2 (ESSCertIDv2, SHA-256). As B-B requires,
 * there is no signing-time attribute: the claimed time is the dictionary's /M entry.
 */
final class PadesSigner {
    static final int SIGNATURE_SPACE = 32 * 1024;

    private PadesSigner() {
    }

    static byte[] sign(byte[] pdf, PrivateKey key, List<X509Certificate> chain, String name, String reason,
                       String location, Instant signedAt) {
        try (PDDocument doc = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(name);
            signature.setReason(reason);
            signature.setLocation(location);
            Calendar when = Calendar.getInstance(TimeZone.getTimeZone("Asia/Ho_Chi_Minh"));
            when.setTimeInMillis(signedAt.toEpochMilli());
            signature.setSignDate(when);
            options.setPreferredSignatureSize(SIGNATURE_SPACE);
            doc.addSignature(signature, content -> cms(content.readAllBytes(), key, chain), options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + SIGNATURE_SPACE * 2 + 4096);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("the PDF cannot be signed: " + e.getMessage(), e);
        }
    }

    static byte[] cms(byte[] content, PrivateKey key, List<X509Certificate> chain) throws IOException {
        X509Certificate signer = chain.get(0);
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            var signerInfo = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(signedAttributes(signer))
                    .build(new JcaContentSignerBuilder(algorithm).build(key), signer);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo);
            generator.addCertificates(new JcaCertStore(chain));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
        } catch (OperatorCreationException | CMSException | CertificateEncodingException e) {
            throw new IOException("CMS signature failed: " + e.getMessage(), e);
        }
    }

    private static CMSAttributeTableGenerator signedAttributes(X509Certificate signer)
            throws CertificateEncodingException {
        IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
                X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()))), signer.getSerialNumber());
        SigningCertificateV2 signingCertificate = new SigningCertificateV2(new ESSCertIDv2[]{
                new ESSCertIDv2(Certificates.sha256(signer.getEncoded()), issuerSerial)});
        return parameters -> {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new Attribute(CMSAttributes.contentType,
                    new DERSet((ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
            v.add(new Attribute(CMSAttributes.messageDigest,
                    new DERSet(new DEROctetString((byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST)))));
            v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCertificate)));
            return new AttributeTable(v);
        };
    }
}
