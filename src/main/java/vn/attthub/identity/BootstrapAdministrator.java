package vn.attthub.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.organisation.RootAgency;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.Role;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * On first start, creates the platform administrator at the root agency. The password comes from
 * {@code ATTT_BOOTSTRAP_ADMIN_PASSWORD}, or is generated and shown once on the console; an API token with
 * national-admin rights is created from {@code ATTT_BOOTSTRAP_API_TOKEN}. Neither value is ever logged.
 */
@Component
@Order(0)
class BootstrapAdministrator implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final RootAgency root;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final String username;
    private final String password;
    private final String apiToken;

    BootstrapAdministrator(JdbcClient jdbc, PasswordEncoder passwords, RootAgency root, AuditLog audit,
                           TransactionTemplate tx,
                           @Value("${attt.bootstrap.admin-username:admin}") String username,
                           @Value("${attt.bootstrap.admin-password:}") String password,
                           @Value("${attt.bootstrap.api-token:}") String apiToken) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.root = root;
        this.audit = audit;
        this.tx = tx;
        this.username = username;
        this.password = password;
        this.apiToken = apiToken;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> bootstrap());
    }

    private void bootstrap() {
        AgencyId rootAgency = root.ensure();
        UUID adminId = jdbc.sql("SELECT id FROM app_user WHERE lower(username) = lower(?)").param(username)
                .query(UUID.class).optional().orElse(null);
        if (adminId == null) {
            boolean generated = !StringUtils.hasText(password);
            String initial = generated ? generatePassword() : password;
            PasswordPolicy.check(initial, username).ifPresent(problem -> {
                throw new IllegalStateException("ATTT_BOOTSTRAP_ADMIN_PASSWORD does not meet the password policy: "
                        + problem);
            });
            adminId = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO app_user (id, username, full_name, email, agency_id, password_hash,
                                                  password_changed_at)
                            VALUES (?, ?, 'Quản trị nền tảng', 'admin@attt-hub.local', ?, ?, ?)""")
                    .params(adminId, username, rootAgency.value(), passwords.encode(initial), Timestamp.from(Instant.now()))
                    .update();
            jdbc.sql("INSERT INTO user_role (user_id, role, agency_id) VALUES (?, ?, ?)")
                    .params(adminId, Role.PLATFORM_ADMIN.name(), rootAgency.value()).update();
            audit.recordFor(null, "system", AuditEntry.success("user.bootstrapped", "user", adminId, rootAgency,
                    Map.of("username", username, "roles", "PLATFORM_ADMIN")));
            announce(generated ? initial : null);
        }
        if (StringUtils.hasText(apiToken)) {
            String hash = ApiTokenSecrets.hash(apiToken);
            boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM api_token WHERE token_hash = ?)").param(hash)
                    .query(Boolean.class).single();
            if (!exists) {
                UUID tokenId = UUID.randomUUID();
                jdbc.sql("INSERT INTO api_token (id, user_id, name, prefix, token_hash) VALUES (?, ?, ?, ?, ?)")
                        .params(tokenId, adminId, "bootstrap", ApiTokenSecrets.displayPrefix(apiToken), hash).update();
                audit.recordFor(null, "system", AuditEntry.success("api-token.bootstrapped", "api-token", tokenId,
                        rootAgency, Map.of("user", username)));
                log.info("Bootstrap API token registered for user '{}' (value from ATTT_BOOTSTRAP_API_TOKEN, not shown)",
                        username);
            }
        }
    }

    private void announce(String generatedPassword) {
        StringBuilder banner = new StringBuilder("\n================ ATTT Hub: first start ================\n")
                .append("  Administrator login : ").append(username).append('\n');
        if (generatedPassword != null) {
            banner.append("  Initial password    : ").append(generatedPassword)
                    .append("\n  (generated and shown only this once; set ATTT_BOOTSTRAP_ADMIN_PASSWORD to choose it)\n");
        } else {
            banner.append("  Password            : the value of ATTT_BOOTSTRAP_ADMIN_PASSWORD\n");
        }
        banner.append("  Change it after signing in: Tài khoản > Đổi mật khẩu (/account)\n")
                .append("=======================================================\n");
        // Printed to the console, not the log, so that log shipping never carries the initial password.
        System.out.println(banner);
    }

    private static String generatePassword() {
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789",
                special = "!@#$%^&*-_=+";
        String all = upper + lower + digits + special;
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (String set : new String[]{upper, lower, digits, special}) {
            sb.append(set.charAt(random.nextInt(set.length())));
        }
        while (sb.length() < 16) {
            sb.append(all.charAt(random.nextInt(all.length())));
        }
        return sb.toString();
    }
}
