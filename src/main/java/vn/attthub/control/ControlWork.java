package vn.attthub.control;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Grant;
import vn.attthub.shared.Permission;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What control work awaits one user: open baseline requirements they own (by name, or through an agency where they
 * may manage controls) or that are overdue in systems of such an agency, and periodic assessments (Decree 85/2016
 * Art 20.2.c) of those agencies that are overdue or due within {@link AssessmentDue#SOON_DAYS} days. Only the
 * agencies where the grant is held count, not their subtrees: a provincial officer's "my work" is the province's
 * own, not every commune's.
 */
@Component
public class ControlWork {
    /** One thing to do; {@code href} is the page where it is done. */
    public record Item(Kind kind, UUID systemId, String systemCode, String systemName, String requirementId,
                       String title, LocalDate dueOn, boolean overdue, String href) {
    }

    public enum Kind { REQUIREMENT, ASSESSMENT }

    private final JdbcClient jdbc;

    ControlWork(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Overdue first, then by due date (undated last); at most {@code max} items. */
    public List<Item> forUser(CurrentUser user, LocalDate today, boolean english, int max) {
        Set<UUID> agencies = user.grants().stream().filter(g -> g.role().grants(Permission.CONTROL_MANAGE))
                .map(Grant::agency).map(AgencyId::value).collect(Collectors.toSet());
        List<Item> items = new ArrayList<>();
        if (!user.has(Permission.CONTROL_READ)) {
            return items;
        }
        List<UUID> scope = agencies.isEmpty() ? List.of(new UUID(0, 0)) : List.copyOf(agencies);
        items.addAll(jdbc.sql("""
                        SELECT i.system_id, b.system_code, b.system_name, i.requirement_id, r.title_vi, r.title_en, i.due_on
                        FROM control_baseline_item i
                        JOIN control_baseline b ON b.system_id = i.system_id
                        JOIN control_requirement r ON r.id = i.requirement_id
                        WHERE i.required AND i.status NOT IN ('IMPLEMENTED', 'NOT_APPLICABLE')
                          AND (i.owner_user_id = :user OR i.owner_agency_id IN (:agencies)
                               OR (i.due_on < :today AND (b.owner_agency_id IN (:agencies)
                                                          OR b.operator_agency_id IN (:agencies))))
                        ORDER BY (i.due_on < :today) DESC, i.due_on NULLS LAST, b.system_code, r.sort_order
                        LIMIT :max""")
                .param("user", user.id().value()).param("agencies", scope).param("today", today).param("max", max)
                .query((rs, n) -> {
                    UUID system = rs.getObject("system_id", UUID.class);
                    LocalDate due = rs.getObject("due_on", LocalDate.class);
                    String requirement = rs.getString("requirement_id");
                    return new Item(Kind.REQUIREMENT, system, rs.getString("system_code"),
                            rs.getString("system_name"), requirement,
                            english ? rs.getString("title_en") : rs.getString("title_vi"), due,
                            due != null && due.isBefore(today),
                            "/systems/" + system + "/baseline#req-" + requirement);
                }).list());
        if (!agencies.isEmpty()) {
            items.addAll(jdbc.sql("""
                            SELECT a.id, a.obligation_id, a.system_id, b.system_code, b.system_name, a.due_on
                            FROM control_assessment a
                            LEFT JOIN control_baseline b ON b.system_id = a.system_id
                            WHERE a.completed_on IS NULL AND a.cancelled_at IS NULL AND a.agency_id IN (:agencies)
                              AND a.due_on <= :soon
                            ORDER BY a.due_on
                            LIMIT :max""")
                    .param("agencies", scope).param("soon", today.plusDays(AssessmentDue.SOON_DAYS))
                    .param("max", max)
                    .query((rs, n) -> {
                        UUID system = rs.getObject("system_id", UUID.class);
                        LocalDate due = rs.getObject("due_on", LocalDate.class);
                        return new Item(Kind.ASSESSMENT, system, rs.getString("system_code"),
                                rs.getString("system_name"), null, rs.getString("obligation_id"), due,
                                due.isBefore(today), system == null ? "/compliance" : "/systems/" + system + "/baseline");
                    }).list());
        }
        items.sort(Comparator.comparing((Item i) -> !i.overdue())
                .thenComparing(Item::dueOn, Comparator.nullsLast(Comparator.naturalOrder())));
        return items.size() > max ? List.copyOf(items.subList(0, max)) : List.copyOf(items);
    }
}
