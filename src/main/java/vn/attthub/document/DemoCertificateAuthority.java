package vn.attthub.document;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.organisation.DemoAgenciesLoaded;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.SecretBox;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated certificate authority for demonstrations and tests ({@code CN=ATTT Hub Demo CA, O=Demo, C=VN}):
 * created on first use and kept in the database (its key sealed like every signing key), so that signatures made
 * with demo data stay verifiable after a restart. Its certificate is a trust anchor of {@link SignatureVerifier}
 * only where it exists, i.e. in a database that holds demo data or test data: a production database without demo
 * data never has one. Every certificate it issues says "DEMO" in its subject.
 *
 * <p>When the demo agencies are loaded it issues a signing credential to the agencies that appraise or approve
 * level dossiers in the demo data (Decree 85/2016 Art 12 and 14: {@code Điều 3.1.NĐ.2.12}, {@code 3.1.NĐ.2.14}).
 */
@Component
public class DemoCertificateAuthority {
    static final String CA_SUBJECT = "CN=ATTT Hub Demo CA, O=Demo, C=VN";
    /** The demo agencies that approve or appraise: provinces, their security units, the ministries and theirs. */
    static final List<String> DEMO_SIGNERS = List.of("T-HA-NOI", "T-HA-NOI-SKHCN", "T-LAO-CAI", "T-LAO-CAI-SKHCN",
            "T-TAY-NINH", "T-TAY-NINH-SKHCN", "BYT", "BYT-CNTT", "BCA", "BCA-A05");
    private static final Logger log = LoggerFactory.getLogger(DemoCertificateAuthority.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CA_PURPOSE = "demo-ca-key";

    private record Authority(PrivateKey key, X509Certificate certificate) {
    }

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final SigningCredentials credentials;
    private final AgencyDirectory agencies;
    private final AuditLog audit;
    private volatile Authority authority;

    DemoCertificateAuthority(JdbcClient jdbc, SecretBox box, SigningCredentials credentials, AgencyDirectory agencies,
                             AuditLog audit) {
        this.jdbc = jdbc;
        this.box = box;
        this.credentials = credentials;
        this.agencies = agencies;
        this.audit = audit;
    }

    /** Synchronous, inside the demo data's start-up transaction. */
    @EventListener
    @Transactional
    public void on(DemoAgenciesLoaded event) {
        List<String> issued = new ArrayList<>();
        for (String code : DEMO_SIGNERS) {
            Optional<AgencySummary> agency = agencies.findByCode(code);
            if (agency.isEmpty()) {
                log.warn("Demo signing certificate skipped: demo agency {} is missing", code);
                continue;
            }
            if (!credentials.hasUsable(agency.get().id())) {
                issueFor(agency.get().id());
                issued.add(code);
            }
        }
        if (!issued.isEmpty()) {
            log.info("Demo data: the demo CA issued signing certificates to {}", issued);
        }
    }

    /**
     * Issues a new signing credential (RSA 2048, valid 3 years, "DEMO" in its subject) for {@code agency} and makes
     * it usable by {@link DocumentSigner} at once. For demo data and tests only. 404 when the agency is unknown.
     */
    @Transactional
    public SigningCredential issueFor(AgencyId agency) {
        AgencySummary target = agencies.find(agency).orElseThrow(() -> new NotFoundException("agency", agency));
        Authority ca = authority();
        try {
            KeyPair keys = rsa();
            Instant now = Instant.now();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, commonName(target.nameVi()))
                    .addRDN(BCStyle.OU, target.code())
                    .addRDN(BCStyle.O, "Demo")
                    .addRDN(BCStyle.C, "VN").build();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3 * 365))), subject,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(ca.certificate()));
            X509Certificate certificate = sign(builder, ca.key());
            SigningCredential saved = credentials.save(agency, keys.getPrivate(), List.of(certificate, ca.certificate()),
                    SigningCredentials.DEMO_CA);
            audit.recordFor(null, "system", AuditEntry.success("signing-credential.issued", "signing-credential",
                    saved.id(), agency, SigningCredentials.summary(saved)));
            return saved;
        } catch (GeneralSecurityException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("demo CA cannot issue a certificate", e);
        }
    }

    /** The demo CA's certificate, if this database has one. */
    public Optional<X509Certificate> certificate() {
        Authority a = authority;
        if (a != null) {
            return Optional.of(a.certificate());
        }
        return jdbc.sql("SELECT certificate FROM demo_certificate_authority WHERE id = 1").query(String.class)
                .optional().map(pem -> Certificates.fromPem(pem).get(0));
    }

    private Authority authority() {
        Authority a = authority;
        if (a == null) {
            synchronized (this) {
                a = authority;
                if (a == null) {
                    Authority created = loadOrCreate();
                    // Remembered once committed: a rolled-back CA must not sign certificates later.
                    if (TransactionSynchronizationManager.isSynchronizationActive()) {
                        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                authority = created;
                            }
                        });
                    } else {
                        authority = created;
                    }
                    a = created;
                }
            }
        }
        return a;
    }

    private Authority loadOrCreate() {
        Optional<Authority> stored = load();
        if (stored.isPresent()) {
            return stored.get();
        }
        try {
            KeyPair keys = rsa();
            Instant now = Instant.now();
            X500Name name = new X500Name(CA_SUBJECT);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(10 * 365))), name,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            jdbc.sql("""
                            INSERT INTO demo_certificate_authority (id, certificate, private_key, created_at)
                            VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                    .params(Certificates.toPem(List.of(certificate)),
                            box.seal(Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()), CA_PURPOSE),
                            Timestamp.from(now.truncatedTo(ChronoUnit.MICROS)))
                    .update();
            audit.recordFor(null, "system", AuditEntry.success("demo-ca.created", "certificate-authority", null, null,
                    Map.of("subject", CA_SUBJECT, "certificateSha256", Certificates.sha256(certificate))));
            log.info("Demo CA created: {} (for demo data and tests only)", CA_SUBJECT);
            return load().orElseThrow();
        } catch (GeneralSecurityException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot create the demo CA", e);
        }
    }

    private Optional<Authority> load() {
        return jdbc.sql("SELECT certificate, private_key FROM demo_certificate_authority WHERE id = 1")
                .query((rs, i) -> {
                    try {
                        byte[] pkcs8 = Base64.getDecoder().decode(box.open(rs.getString("private_key"), CA_PURPOSE));
                        return new Authority(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                                Certificates.fromPem(rs.getString("certificate")).get(0));
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("the demo CA's key cannot be read", e);
                    }
                }).optional();
    }

    /** RFC 5280 limits a common name to 64 characters: long agency names are shortened, "(DEMO)" always kept. */
    static String commonName(String agencyName) {
        String name = agencyName.strip();
        return (name.length() > 57 ? name.substring(0, 56).strip() + "…" : name) + " (DEMO)";
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
