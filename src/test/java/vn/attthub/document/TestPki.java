package vn.attthub.document;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Keys and certificates made in tests: a CA, certificates it issues, self-signed ones, PKCS#12 files. */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    record Issued(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
    }

    private TestPki() {
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static Issued ca(String subject) throws Exception {
        KeyPair keys = rsa();
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(30))), Date.from(now.plus(Duration.ofDays(3650))), name,
                keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate c = DemoCertificateAuthority.sign(b, keys.getPrivate());
        return new Issued(keys, c, List.of(c));
    }

    static Issued leaf(Issued ca, String subject, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair keys = rsa();
        var b = new JcaX509v3CertificateBuilder(ca.certificate(), BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), new X500Name(subject), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        X509Certificate c = DemoCertificateAuthority.sign(b, ca.keys().getPrivate());
        return new Issued(keys, c, List.of(c, ca.certificate()));
    }

    static Issued leaf(Issued ca, String subject) throws Exception {
        Instant now = Instant.now();
        return leaf(ca, subject, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    static Issued selfSigned(String subject) throws Exception {
        KeyPair keys = rsa();
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                keys.getPublic());
        X509Certificate c = DemoCertificateAuthority.sign(b, keys.getPrivate());
        return new Issued(keys, c, List.of(c));
    }

    static byte[] pkcs12(Issued issued, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("signing", issued.keys().getPrivate(), password,
                issued.chain().toArray(new X509Certificate[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
