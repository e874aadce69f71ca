package vn.attthub.document;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/** PEM, fingerprints and readable names of X.509 certificates. */
final class Certificates {
    private Certificates() {
    }

    static String toPem(List<X509Certificate> chain) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (X509Certificate c : chain) {
                pem.writeObject(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static List<X509Certificate> fromPem(byte[] pem) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not PEM certificates: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> fromPem(String pem) {
        return fromPem(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject as RFC 4514 text in the usual order (CN first), e.g. {@code CN=Sở KH&CN, O=UBND, C=VN}. */
    static String subject(X509Certificate certificate) {
        return readable(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
    }

    static String issuer(X509Certificate certificate) {
        return readable(X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()));
    }

    static String readable(X500Name name) {
        return BCStyle.INSTANCE.toString(name);
    }

    /** The common name, or the whole subject when there is none. */
    static String commonName(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cn = name.getRDNs(BCStyle.CN);
        return cn.length == 0 ? readable(name) : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }
}
