package vn.attthub.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.organisation.DemoAgenciesLoaded;
import vn.attthub.shared.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Demo users, one or more for every role, at the demo agencies (codes are the contract with the organisation
 * module). Created once, in the same start-up as the demo agencies, all with one demo password, marked
 * {@code demo}, and listed on the console. Never created without demo data. See {@code docs/demo-data.md}.
 */
@Component
class DemoUsers {
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    /** Meets the Circular 03/2017/TT-BTTTT Art 3 complex-password rule. */
    static final String DEMO_PASSWORD = "Demo@ATTT2026";

    /**
     * @param agencyCode the agency the user belongs to
     * @param grantAt    the agency the role is granted at (its whole subtree), when not the user's own
     */
    record DemoUser(String username, String fullName, Role role, String agencyCode, String grantAt) {
        DemoUser(String username, String fullName, Role role, String agencyCode) {
            this(username, fullName, role, agencyCode, agencyCode);
        }
    }

    static final List<DemoUser> USERS = List.of(
            // The national coordinator works on every agency's incidents and warnings (TT20 Art 4, QĐ05 Art 6): the
            // officer belongs to the coordinating department but the role is granted at the root of the tree.
            new DemoUser("dieuphoi", "Nguyễn Văn Điều Phối", Role.NATIONAL_COORDINATOR, "BCA-TTANM", "CP"),
            new DemoUser("bca.quantri", "Trần Quốc Quản Trị", Role.AGENCY_ADMIN, "BCA"),
            new DemoUser("thanhtra", "Lê Thị Thanh Tra", Role.INSPECTOR, "BCA-A05"),
            new DemoUser("hanoi.quantri", "Phạm Minh Quản Trị", Role.AGENCY_ADMIN, "T-HA-NOI"),
            new DemoUser("hanoi.attt", "Hoàng Thu An Toàn", Role.SECURITY_OFFICER, "T-HA-NOI-SKHCN"),
            new DemoUser("hanoi.thamdinh", "Vũ Đức Thẩm Định", Role.APPRAISER, "T-HA-NOI-SKHCN"),
            new DemoUser("hanoi.pheduyet", "Đặng Thị Phê Duyệt", Role.APPROVER, "T-HA-NOI"),
            new DemoUser("hanoi.vanhanh", "Bùi Văn Vận Hành", Role.SYSTEM_OPERATOR, "T-HA-NOI-VP"),
            new DemoUser("hanoi.ungcuu", "Đỗ Minh Ứng Cứu", Role.INCIDENT_RESPONDER, "T-HA-NOI-SKHCN"),
            new DemoUser("laocai.quantri", "Lò Văn Quản Trị", Role.AGENCY_ADMIN, "T-LAO-CAI"),
            new DemoUser("laocai.vanhanh", "Giàng Thị Vận Hành", Role.SYSTEM_OPERATOR, "T-LAO-CAI-SKHCN"),
            new DemoUser("tayninh.quantri", "Huỳnh Văn Quản Trị", Role.AGENCY_ADMIN, "T-TAY-NINH"),
            new DemoUser("tayninh.vanhanh", "Trương Thị Vận Hành", Role.SYSTEM_OPERATOR, "T-TAY-NINH-SKHCN"),
            new DemoUser("xem", "Ngô Văn Xem", Role.VIEWER, "T-LAO-CAI"),
            new DemoUser("byt.attt", "Phan Thị Y Tế", Role.SECURITY_OFFICER, "BYT-CNTT"),
            new DemoUser("vnpt.vanhanh", "Lý Văn Dịch Vụ", Role.SYSTEM_OPERATOR, "VNPT-IDC"));

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AgencyDirectory agencies;
    private final AuditLog audit;

    DemoUsers(JdbcClient jdbc, PasswordEncoder passwords, AgencyDirectory agencies, AuditLog audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.agencies = agencies;
        this.audit = audit;
    }

    /** Synchronous, inside the publisher's start-up: the demo agencies exist, the users follow. */
    @EventListener
    @Transactional
    public void on(DemoAgenciesLoaded event) {
        String hash = null;
        List<String> created = new ArrayList<>();
        for (DemoUser demo : USERS) {
            Optional<AgencySummary> agency = agencies.findByCode(demo.agencyCode());
            Optional<AgencySummary> grantAt = agencies.findByCode(demo.grantAt());
            if (agency.isEmpty() || grantAt.isEmpty()) {
                log.warn("Demo user {} skipped: demo agency {} is missing", demo.username(), demo.agencyCode());
                continue;
            }
            boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM app_user WHERE lower(username) = lower(?))")
                    .param(demo.username()).query(Boolean.class).single();
            if (exists) {
                continue;
            }
            if (hash == null) {
                hash = passwords.encode(DEMO_PASSWORD);
            }
            UUID id = UUID.randomUUID();
            UUID agencyId = agency.get().id().value();
            jdbc.sql("""
                            INSERT INTO app_user (id, username, full_name, email, agency_id, password_hash,
                                                  password_changed_at, demo)
                            VALUES (?, ?, ?, ?, ?, ?, now(), TRUE)""")
                    .params(id, demo.username(), demo.fullName(), demo.username() + "@demo.attt-hub.vn", agencyId, hash)
                    .update();
            jdbc.sql("INSERT INTO user_role (user_id, role, agency_id) VALUES (?, ?, ?)")
                    .params(id, demo.role().name(), grantAt.get().id().value()).update();
            audit.recordFor(null, "system", AuditEntry.success("user.created", "user", id, agency.get().id(),
                    Map.of("username", demo.username(), "roles", List.of(demo.role().name() + "@" + demo.grantAt()),
                            "demo", true)));
            created.add(String.format("  %-18s %-22s %s%s", demo.username(), demo.role().name(),
                    demo.grantAt().equals(demo.agencyCode()) ? demo.agencyCode()
                            : demo.agencyCode() + " (granted at " + demo.grantAt() + ")",
                    demo.role().privileged() ? "  (MFA on first sign-in)" : ""));
        }
        if (!created.isEmpty()) {
            // Console, not the log: it is demo data on a developer's machine and the password is public anyway.
            System.out.println("\n================ ATTT Hub: demo users (demo data only) ================\n"
                    + "  Password for every demo user: " + DEMO_PASSWORD + "\n"
                    + String.join("\n", created)
                    + "\n  Privileged roles must set up TOTP (an authenticator app) at first sign-in.\n"
                    + "  See docs/demo-data.md. Never load demo data into a production database.\n"
                    + "======================================================================\n");
        }
    }
}
