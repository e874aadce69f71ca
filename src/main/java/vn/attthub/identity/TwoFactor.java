package vn.attthub.identity;

import vn.attthub.shared.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * TOTP multi-factor authentication of a user: enrolment, verification with replay protection, recovery codes
 * (ten, single use, stored as salted SHA-256), disabling. The shared secret is stored encrypted ({@link SecretBox}).
 */
@Component
class TwoFactor {
    static final int RECOVERY_CODES = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;
    private final SecretBox box;
    private final AuditLog audit;
    private final Clock clock;

    TwoFactor(JdbcClient jdbc, SecretBox box, AuditLog audit) {
        this.jdbc = jdbc;
        this.box = box;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    enum Verification { TOTP, RECOVERY_CODE, REFUSED }

    record Status(boolean enabled, Instant enabledAt, int recoveryCodesLeft) {
    }

    Status status(UUID userId) {
        return jdbc.sql("""
                        SELECT u.mfa_enabled, u.mfa_enabled_at,
                               (SELECT count(*) FROM mfa_recovery_code c WHERE c.user_id = u.id AND c.used_at IS NULL) AS left
                        FROM app_user u WHERE u.id = ?""")
                .param(userId)
                .query((rs, i) -> new Status(rs.getBoolean(1), rs.getTimestamp(2) == null ? null
                        : rs.getTimestamp(2).toInstant(), rs.getInt(3)))
                .single();
    }

    /** The sealed form of a new secret, to keep in the session until the user confirms it with a code. */
    String sealNewSecret(UUID userId) {
        return box.seal(Totp.newSecret(), purpose(userId));
    }

    String open(String sealed, UUID userId) {
        return box.open(sealed, purpose(userId));
    }

    /**
     * Enables MFA with a secret the user proved to hold (the code matches). Returns the recovery codes, shown once,
     * or an empty list when the code is wrong.
     */
    @Transactional
    List<String> confirmEnrolment(UUID userId, String username, AgencyId agency, String sealedSecret, String code) {
        String secret = open(sealedSecret, userId);
        OptionalLong step = Totp.verify(secret, code, clock.instant(), Long.MIN_VALUE);
        if (step.isEmpty()) {
            audit.recordFor(userId, username, new AuditEntry("mfa.enrolment-failed", "user", userId.toString(), agency,
                    AuditEntry.Outcome.FAILURE, Map.of("reason", "wrong code")));
            return List.of();
        }
        jdbc.sql("""
                        UPDATE app_user SET mfa_secret = ?, mfa_enabled = TRUE, mfa_enabled_at = ?, mfa_last_step = ?,
                                            updated_at = now(), version = version + 1
                        WHERE id = ?""")
                .params(sealedSecret, Timestamp.from(clock.instant()), step.getAsLong(), userId).update();
        List<String> codes = replaceRecoveryCodes(userId);
        audit.recordFor(userId, username, AuditEntry.success("mfa.enabled", "user", userId, agency,
                Map.of("mfa", AuditEntry.change(false, true), "recoveryCodes", codes.size())));
        return codes;
    }

    /** Checks a TOTP code (each accepted at most once) or an unused recovery code. */
    @Transactional
    Verification verify(UUID userId, String code) {
        String sealed = jdbc.sql("SELECT mfa_secret FROM app_user WHERE id = ? AND mfa_enabled").param(userId)
                .query(String.class).optional().orElse(null);
        if (sealed == null || code == null || code.isBlank()) {
            return Verification.REFUSED;
        }
        long lastStep = jdbc.sql("SELECT mfa_last_step FROM app_user WHERE id = ?").param(userId)
                .query(Long.class).single();
        OptionalLong step = Totp.verify(open(sealed, userId), code, clock.instant(), lastStep);
        if (step.isPresent()) {
            // The conditional update makes the check-and-use atomic: two requests with one code, only one wins.
            int used = jdbc.sql("UPDATE app_user SET mfa_last_step = ? WHERE id = ? AND mfa_last_step < ?")
                    .params(step.getAsLong(), userId, step.getAsLong()).update();
            return used == 1 ? Verification.TOTP : Verification.REFUSED;
        }
        return useRecoveryCode(userId, code) ? Verification.RECOVERY_CODE : Verification.REFUSED;
    }

    private boolean useRecoveryCode(UUID userId, String code) {
        String normalized = normalizeRecoveryCode(code);
        if (normalized.length() != 10) {
            return false;
        }
        record Stored(UUID id, String hash) {
        }
        List<Stored> unused = jdbc.sql("SELECT id, code_hash FROM mfa_recovery_code WHERE user_id = ? AND used_at IS NULL")
                .param(userId).query((rs, i) -> new Stored(rs.getObject(1, UUID.class), rs.getString(2))).list();
        for (Stored s : unused) {
            if (recoveryCodeMatches(normalized, s.hash())) {
                return jdbc.sql("UPDATE mfa_recovery_code SET used_at = now() WHERE id = ? AND used_at IS NULL")
                        .param(s.id()).update() == 1;
            }
        }
        return false;
    }

    @Transactional
    List<String> regenerateRecoveryCodes(UUID userId, AgencyId agency) {
        List<String> codes = replaceRecoveryCodes(userId);
        audit.record(AuditEntry.success("mfa.recovery-codes-regenerated", "user", userId, agency,
                Map.of("recoveryCodes", codes.size())));
        return codes;
    }

    @Transactional
    void disable(UUID userId, AgencyId agency, String reason) {
        jdbc.sql("""
                        UPDATE app_user SET mfa_secret = NULL, mfa_enabled = FALSE, mfa_enabled_at = NULL,
                                            updated_at = now(), version = version + 1 WHERE id = ?""")
                .param(userId).update();
        jdbc.sql("DELETE FROM mfa_recovery_code WHERE user_id = ?").param(userId).update();
        audit.record(AuditEntry.success("mfa.disabled", "user", userId, agency,
                Map.of("mfa", AuditEntry.change(true, false), "reason", reason)));
    }

    private List<String> replaceRecoveryCodes(UUID userId) {
        jdbc.sql("DELETE FROM mfa_recovery_code WHERE user_id = ?").param(userId).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            String code = sb.substring(0, 5) + "-" + sb.substring(5);
            codes.add(code);
            jdbc.sql("INSERT INTO mfa_recovery_code (id, user_id, code_hash) VALUES (?, ?, ?)")
                    .params(UUID.randomUUID(), userId, hashRecoveryCode(normalizeRecoveryCode(code))).update();
        }
        return codes;
    }

    static String normalizeRecoveryCode(String code) {
        return code.replaceAll("[\\s-]", "").toLowerCase();
    }

    /** {@code <base64 salt>$<hex SHA-256(salt || code)>}: a per-code salt, so equal codes never hash alike. */
    static String hashRecoveryCode(String normalized) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return Base64.getEncoder().encodeToString(salt) + "$" + sha256(salt, normalized);
    }

    static boolean recoveryCodeMatches(String normalized, String stored) {
        int sep = stored.indexOf('$');
        if (sep < 0) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(stored.substring(0, sep));
        return MessageDigest.isEqual(sha256(salt, normalized).getBytes(StandardCharsets.US_ASCII),
                stored.substring(sep + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha256(byte[] salt, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String purpose(UUID userId) {
        return "totp:" + userId;
    }
}
