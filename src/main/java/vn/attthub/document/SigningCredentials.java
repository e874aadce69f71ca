package vn.attthub.document;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.SecretBox;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Each agency's signing keys and certificates. Managing them needs {@link Permission#SIGNING_KEY_MANAGE} within the
 * agency's subtree; an agency outside the caller's scope is a 404. Private keys are sealed with the platform's
 * {@link SecretBox} (bound to the credential id) and leave this class only to sign.
 */
@Component
public class SigningCredentials {
    static final String IMPORTED = "IMPORTED";
    static final String DEMO_CA = "DEMO_CA";
    private static final String COLUMNS = """
            id, agency_id, subject, issuer, serial_number, not_before, not_after, certificate_sha256, key_algorithm,
            origin, active, created_at, deactivated_at""";

    /** A credential with its key, for signing only. */
    record Usable(SigningCredential credential, PrivateKey key, List<X509Certificate> chain) {
    }

    /** A credential with the name of its agency, for the management page. */
    public record Listed(SigningCredential credential, String agencyCode, String agencyName) {
    }

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final AuditLog audit;
    private final AgencyDirectory agencies;
    private final AgencyTree tree;

    SigningCredentials(JdbcClient jdbc, SecretBox box, AuditLog audit, AgencyDirectory agencies, AgencyTree tree) {
        this.jdbc = jdbc;
        this.box = box;
        this.audit = audit;
        this.agencies = agencies;
        this.tree = tree;
    }

    /**
     * Imports the key and certificate chain of a PKCS#12 file for {@code agency}. The password is only used to
     * open the file. 422 (fields {@code file}/{@code password}) when it cannot sign; 409 when already imported.
     */
    @Transactional
    public SigningCredential importPkcs12(AgencyId agency, byte[] p12, char[] password, CurrentUser user) {
        AgencySummary target = manageable(agency, user);
        Pkcs12.KeyAndChain read;
        try {
            read = Pkcs12.read(p12, password, Instant.now());
        } finally {
            Arrays.fill(password, '\0');
        }
        String fingerprint = Certificates.sha256(read.chain().get(0));
        boolean exists = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM signing_credential WHERE agency_id = ? AND certificate_sha256 = ?)""")
                .params(agency.value(), fingerprint).query(Boolean.class).single();
        if (exists) {
            throw new ConflictException("Chứng thư số này đã được nhập cho cơ quan " + target.code()
                    + " (this certificate is already imported).");
        }
        SigningCredential saved = save(agency, read.key(), read.chain(), IMPORTED);
        audit.record(AuditEntry.success("signing-credential.imported", "signing-credential", saved.id(), agency,
                summary(saved)));
        return saved;
    }

    /** The agency's credentials, newest first, after the credential {@code after} (keyset), at most {@code limit}. */
    public List<SigningCredential> list(AgencyId agency, CurrentUser user, UUID after, int limit) {
        manageable(agency, user);
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM signing_credential c WHERE agency_id = :agency
                          AND (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                              SELECT created_at, id FROM signing_credential WHERE id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("agency", agency.value()).param("after", after).param("limit", limit)
                .query(SigningCredentials::map).list();
    }

    /** Every credential of the agencies within the caller's scope (management page), newest first. */
    public List<Listed> withinScope(CurrentUser user, int limit) {
        UUID[] roots = user.scopeOf(Permission.SIGNING_KEY_MANAGE).stream().map(AgencyId::value).toArray(UUID[]::new);
        if (roots.length == 0) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT c.id, c.agency_id, c.subject, c.issuer, c.serial_number, c.not_before, c.not_after,
                               c.certificate_sha256, c.key_algorithm, c.origin, c.active, c.created_at,
                               c.deactivated_at, a.code, a.name_vi
                        FROM signing_credential c JOIN agency a ON a.id = c.agency_id
                        """ + " WHERE " + AgencyTree.pathWithinRoots("a.path")
                        + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit")
                .param("scopeRoots", roots).param("limit", limit)
                .query((rs, i) -> new Listed(map(rs, i), rs.getString("code"), rs.getString("name_vi"))).list();
    }

    /** Stops using a credential for new signatures (it stays listed, and old signatures stay verifiable). */
    @Transactional
    public SigningCredential deactivate(AgencyId agency, UUID id, CurrentUser user) {
        manageable(agency, user);
        SigningCredential current = find(agency, id).orElseThrow(() -> new NotFoundException("signing credential", id));
        if (!current.active()) {
            return current;
        }
        jdbc.sql("UPDATE signing_credential SET active = FALSE, deactivated_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now()), id).update();
        SigningCredential after = find(agency, id).orElseThrow();
        Map<String, Object> details = summary(after);
        details.put("active", AuditEntry.change(true, false));
        audit.record(AuditEntry.success("signing-credential.deactivated", "signing-credential", id, agency, details));
        return after;
    }

    /** One credential of an agency within the caller's scope; 404 otherwise. */
    public SigningCredential get(AgencyId agency, UUID id, CurrentUser user) {
        manageable(agency, user);
        return find(agency, id).orElseThrow(() -> new NotFoundException("signing credential", id));
    }

    public Optional<SigningCredential> find(AgencyId agency, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_credential WHERE id = ? AND agency_id = ?")
                .params(id, agency.value()).query(SigningCredentials::map).optional();
    }

    /** Whether the agency has a credential that can sign now (for callers that want to warn early). */
    public boolean hasUsable(AgencyId agency) {
        return usable(agency, Instant.now()).isPresent();
    }

    /** The newest active credential valid at {@code at}, with its key. */
    Optional<Usable> usable(AgencyId agency, Instant at) {
        return jdbc.sql("SELECT " + COLUMNS + """
                        , certificate_chain, private_key FROM signing_credential
                        WHERE agency_id = ? AND active AND not_before <= ? AND not_after >= ?
                        ORDER BY not_before DESC, created_at DESC LIMIT 1""")
                .params(agency.value(), Timestamp.from(at), Timestamp.from(at))
                .query((rs, i) -> {
                    SigningCredential c = map(rs, i);
                    return new Usable(c, unseal(c, rs.getString("private_key")),
                            Certificates.fromPem(rs.getString("certificate_chain")));
                }).optional();
    }

    /** Stores a key and chain without any caller (the demo CA, tests). */
    SigningCredential save(AgencyId agency, PrivateKey key, List<X509Certificate> chain, String origin) {
        UUID id = UUID.randomUUID();
        X509Certificate certificate = chain.get(0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                        INSERT INTO signing_credential (id, agency_id, subject, issuer, serial_number, not_before,
                            not_after, certificate_sha256, certificate_chain, private_key, key_algorithm, origin,
                            active, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)""")
                .params(id, agency.value(), Certificates.subject(certificate), Certificates.issuer(certificate),
                        certificate.getSerialNumber().toString(16).toUpperCase(),
                        Timestamp.from(certificate.getNotBefore().toInstant()),
                        Timestamp.from(certificate.getNotAfter().toInstant()), Certificates.sha256(certificate),
                        Certificates.toPem(chain),
                        box.seal(Base64.getEncoder().encodeToString(key.getEncoded()), purpose(id)),
                        key.getAlgorithm(), origin, Timestamp.from(now))
                .update();
        return find(agency, id).orElseThrow();
    }

    private AgencySummary manageable(AgencyId agency, CurrentUser user) {
        Optional<AgencySummary> found = agencies.find(agency);
        if (found.isEmpty() || !tree.within(agency, user.scopeOf(Permission.SIGNING_KEY_MANAGE))) {
            throw new NotFoundException("agency", agency);
        }
        return found.get();
    }

    private PrivateKey unseal(SigningCredential c, String sealed) {
        try {
            byte[] pkcs8 = Base64.getDecoder().decode(box.open(sealed, purpose(c.id())));
            return KeyFactory.getInstance(c.keyAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + c.id() + " cannot be read", e);
        }
    }

    private static String purpose(UUID id) {
        return "signing-key:" + id;
    }

    static Map<String, Object> summary(SigningCredential c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.subject());
        m.put("issuer", c.issuer());
        m.put("serialNumber", c.serialNumber());
        m.put("certificateSha256", c.certificateSha256());
        m.put("notAfter", c.notAfter().toString());
        m.put("origin", c.origin());
        return m;
    }

    static SigningCredential map(ResultSet rs, int row) throws SQLException {
        Timestamp deactivated = rs.getTimestamp("deactivated_at");
        return new SigningCredential(rs.getObject("id", UUID.class), AgencyId.of(rs.getObject("agency_id", UUID.class)),
                rs.getString("subject"), rs.getString("issuer"), rs.getString("serial_number"),
                rs.getTimestamp("not_before").toInstant(), rs.getTimestamp("not_after").toInstant(),
                rs.getString("certificate_sha256"), rs.getString("key_algorithm"), rs.getString("origin"),
                rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant(),
                deactivated == null ? null : deactivated.toInstant());
    }
}
