package vn.attthub.control;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.control.ControlCatalog.Assessment;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Periodic assessment tasks (Decree 85/2016 Art 20.2.c): every 2 years for the owner organisation as a whole, every
 * year for a level 3-4 system, every 6 months for a level 5 system. The first is due one period after the approval,
 * each next one a period after the last completion. An approval at another level re-plans the open system task.
 */
@Component
public class Assessments {
    private final JdbcClient jdbc;
    private final ControlCatalog catalog;
    private final AuditLog audit;
    private final vn.attthub.organisation.AgencyTree tree;

    Assessments(JdbcClient jdbc, ControlCatalog catalog, AuditLog audit, vn.attthub.organisation.AgencyTree tree) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
        this.tree = tree;
    }

    public record Task(UUID id, String obligationId, ControlCatalog.Scope scope, UUID systemId, String systemCode,
                       String systemName, AgencyId agencyId, String agencyName, Integer level, int periodMonths,
                       LocalDate dueOn, LocalDate completedOn, String note, int version, AssessmentDue due) {
        public Assessment obligation(ControlCatalog catalog) {
            return catalog.assessments().stream().filter(a -> a.id().equals(obligationId)).findFirst().orElse(null);
        }
    }

    /** Plans the tasks an approval at {@code level} creates (joins the listener's transaction). */
    void planOnApproval(UUID systemId, AgencyId owner, int level, LocalDate approvedOn) {
        Optional<Assessment> obligation = catalog.systemAssessment(level);
        Optional<UUID> open = jdbc.sql("""
                        SELECT id FROM control_assessment WHERE system_id = ? AND scope = 'SYSTEM'
                          AND completed_on IS NULL AND cancelled_at IS NULL FOR UPDATE""")
                .param(systemId).query(UUID.class).optional();
        if (obligation.isEmpty()) {
            open.ifPresent(id -> jdbc.sql("""
                            UPDATE control_assessment SET cancelled_at = now(), note = 'Cấp độ mới không yêu cầu đánh giá định kỳ (level no longer requires it)',
                                   version = version + 1 WHERE id = ?""").param(id).update());
        } else {
            Assessment a = obligation.get();
            LocalDate due = AssessmentDue.next(approvedOn, a.periodMonths());
            if (open.isPresent()) {
                jdbc.sql("""
                                UPDATE control_assessment SET obligation_id = ?, level = ?, period_months = ?,
                                       due_on = least(due_on, ?), agency_id = ?, version = version + 1 WHERE id = ?""")
                        .params(a.id(), level, a.periodMonths(), due, owner.value(), open.get()).update();
            } else {
                insert(a, systemId, owner, level, due);
            }
        }
        Assessment org = catalog.organisationAssessment();
        jdbc.sql("""
                        INSERT INTO control_assessment (id, obligation_id, scope, system_id, agency_id, level, period_months, due_on)
                        VALUES (?, ?, 'ORGANISATION', NULL, ?, NULL, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(UUID.randomUUID(), org.id(), owner.value(), org.periodMonths(),
                        AssessmentDue.next(approvedOn, org.periodMonths())).update();
    }

    private void insert(Assessment a, UUID systemId, AgencyId agency, Integer level, LocalDate due) {
        jdbc.sql("""
                        INSERT INTO control_assessment (id, obligation_id, scope, system_id, agency_id, level, period_months, due_on)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), a.id(), a.scope().name(), systemId, agency.value(), level, a.periodMonths(),
                        due).update();
    }

    private static final String SELECT = """
            SELECT t.id, t.obligation_id, t.scope, t.system_id, b.system_code, b.system_name, t.agency_id, a.name_vi,
                   t.level, t.period_months, t.due_on, t.completed_on, t.note, t.version
            FROM control_assessment t JOIN agency a ON a.id = t.agency_id
            LEFT JOIN control_baseline b ON b.system_id = t.system_id
            """;

    Task map(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        LocalDate done = rs.getObject("completed_on", LocalDate.class);
        return new Task(rs.getObject("id", UUID.class), rs.getString("obligation_id"),
                ControlCatalog.Scope.valueOf(rs.getString("scope")), rs.getObject("system_id", UUID.class),
                rs.getString("system_code"), rs.getString("system_name"), AgencyId.of(rs.getObject("agency_id", UUID.class)),
                rs.getString("name_vi"), (Integer) rs.getObject("level"), rs.getInt("period_months"), due, done,
                rs.getString("note"), rs.getInt("version"), done == null ? AssessmentDue.of(due, today) : null);
    }

    /** Open tasks of a system's owner organisation and of the system, for its baseline page. */
    public List<Task> openFor(UUID systemId, AgencyId owner, LocalDate today) {
        return jdbc.sql(SELECT + """
                         WHERE t.completed_on IS NULL AND t.cancelled_at IS NULL
                           AND (t.system_id = ? OR (t.scope = 'ORGANISATION' AND t.agency_id = ?)) ORDER BY t.due_on""")
                .params(systemId, owner.value()).query((rs, i) -> map(rs, today)).list();
    }

    /** Open tasks in an agency subtree, soonest first (keyset: after = "yyyy-MM-dd|uuid"). */
    public List<Task> openWithin(String rootPath, LocalDate today, String after, int limit) {
        LocalDate afterDue = LocalDate.of(1, 1, 1);
        UUID afterId = new UUID(0, 0);
        if (after != null && !after.isBlank()) {
            String[] p = after.split("\\|");
            try {
                afterDue = LocalDate.parse(p[0]);
                afterId = UUID.fromString(p[1]);
            } catch (RuntimeException e) {
                throw InvalidInputException.field("after", "Con trỏ trang không hợp lệ (invalid cursor).");
            }
        }
        return jdbc.sql(SELECT + """
                         WHERE t.completed_on IS NULL AND t.cancelled_at IS NULL AND a.path LIKE :root || '%'
                           AND (t.due_on, t.id) > (:afterDue, :afterId)
                         ORDER BY t.due_on, t.id LIMIT :limit""")
                .param("root", rootPath).param("afterDue", afterDue).param("afterId", afterId).param("limit", limit)
                .query((rs, i) -> map(rs, today)).list();
    }

    public Task get(UUID id, LocalDate today) {
        return jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query((rs, i) -> map(rs, today)).optional()
                .orElseThrow(() -> new NotFoundException("assessment", id));
    }

    /** Task the caller may act on: its agency (or its system's owner/operator) within the caller's scope. */
    public Task accessible(UUID id, CurrentUser user, Permission permission, SystemAccess access, LocalDate today) {
        Task t = jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query((rs, i) -> map(rs, today)).optional()
                .orElseThrow(() -> new NotFoundException("assessment", id));
        if (t.systemId() != null) {
            access.require(t.systemId(), user, permission);
        } else if (!tree.within(t.agencyId(), user.scopeOf(permission))) {
            throw new NotFoundException("assessment", id);
        }
        return t;
    }

    /** Records a completed assessment and opens the next one, one period later. */
    @Transactional
    public Task complete(Task t, int expectedVersion, LocalDate completedOn, String note, UUID evidenceId, LocalDate today) {
        if (t.completedOn() != null) {
            throw new ConflictException("Nhiệm vụ đánh giá này đã hoàn thành (already completed).");
        }
        if (completedOn == null) {
            throw InvalidInputException.field("completedOn", "Cần ngày hoàn thành (completion date required).");
        }
        if (completedOn.isAfter(today)) {
            throw InvalidInputException.field("completedOn", "Ngày hoàn thành không được ở tương lai (cannot be in the future).");
        }
        int n = jdbc.sql("""
                        UPDATE control_assessment SET completed_on = ?, completed_by = ?, note = ?, evidence_id = ?,
                               version = version + 1 WHERE id = ? AND version = ? AND completed_on IS NULL""")
                .params(completedOn, currentUserId(), note, evidenceId, t.id(), expectedVersion).update();
        if (n == 0) throw ConflictException.staleVersion();
        Assessment a = t.obligation(catalog);
        insert(a, t.systemId(), t.agencyId(), t.level(), AssessmentDue.next(completedOn, t.periodMonths()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("obligation", t.obligationId());
        details.put("systemId", t.systemId());
        details.put("dueOn", t.dueOn().toString());
        details.put("completedOn", completedOn.toString());
        details.put("evidenceId", evidenceId);
        audit.record(AuditEntry.success("control.assessment-completed", "control-assessment", t.id(), t.agencyId(), details));
        return get(t.id(), today);
    }

    private static UUID currentUserId() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CurrentUser u ? u.id().value() : null;
    }
}
