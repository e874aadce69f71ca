package vn.attthub.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What a caller may see of incidents. A caller sees an incident when the reporter, the owner, the operator, a
 * recipient, an order addressee or the receiving agency of a pending or accepted hand-over lies in a subtree where
 * they hold INCIDENT_READ; a TLP:RED incident only when their own agency (or an agency where they hold INCIDENT_READ,
 * not its subtree) is the reporter, the filing agency, a named recipient, an addressee or the receiving agency of an
 * accepted hand-over. Anything else is 404.
 */
@Component
class IncidentViews {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AgencyTree tree;
    private final InformationSystems systems;
    private final IncidentCategories categories;
    private final IncidentObservables observables;

    IncidentViews(JdbcClient jdbc, JsonMapper json, AgencyTree tree, InformationSystems systems,
                  IncidentCategories categories, IncidentObservables observables) {
        this.observables = observables;
        this.jdbc = jdbc;
        this.json = json;
        this.tree = tree;
        this.systems = systems;
        this.categories = categories;
    }

    /**
     * A party of the case (reporter, owner, operator, recipient, order addressee, receiving agency of a pending or
     * accepted hand-over, owner of a task not cancelled) lies in the caller's subtrees. The first four through {@code incident_agency} (V113: the ancestors of those parties, kept by triggers): one probe
     * of its key per scope root instead of a path comparison per party.
     */
    static String scoped(String i) {
        String within = AgencyTree.pathWithinRoots("va.path");
        return "(" + inSubtreeOf(i, "ANY(:scopeRoots)")
                + " OR EXISTS (SELECT 1 FROM incident_order_addressee vo JOIN agency va ON va.id = vo.agency_id "
                + "WHERE vo.incident_id = " + i + ".id AND " + within + ") "
                + "OR EXISTS (SELECT 1 FROM incident_handover vh JOIN agency va ON va.id = vh.to_agency_id "
                + "WHERE vh.incident_id = " + i + ".id AND vh.status IN ('PENDING', 'ACCEPTED') AND " + within + ") "
                + "OR EXISTS (SELECT 1 FROM incident_task vt JOIN agency va ON va.id = vt.owner_agency_id "
                + "WHERE vt.incident_id = " + i + ".id AND vt.status <> 'CANCELLED' AND " + within + "))";
    }

    /**
     * Whether {@code agency} is a named party of the case (the TLP:RED rule of {@link #namedParty}), for checks made on
     * behalf of an agency rather than a caller (a TLP:RED task may only be given to a named party).
     */
    boolean isNamedParty(UUID incident, AgencyId agency) {
        return jdbc.sql("SELECT " + namedParty("i") + " FROM incident i WHERE i.id = :id")
                .param("id", incident).param("named", new UUID[]{agency.value()})
                .query(Boolean.class).optional().orElse(false);
    }

    /** The reporter, owner, operator or a recipient of the case lies in the subtree of {@code agency} (V113). */
    static String inSubtreeOf(String i, String agency) {
        return "EXISTS (SELECT 1 FROM incident_agency va WHERE va.ancestor_id = " + agency + " AND va.reported_at = "
                + i + ".reported_at AND va.incident_id = " + i + ".id)";
    }

    /**
     * The receiving agency of an accepted hand-over or escalation is a named party of the case (it led the case or
     * leads it now); a pending request does not make it one, so a TLP:RED case stays hidden from it until it accepts
     * (it sees the request in its inbox, {@code GET /api/v1/incident-handovers}, without the case's content).
     */
    static String acceptedHandover(String i) {
        return "EXISTS (SELECT 1 FROM incident_handover vh WHERE vh.incident_id = " + i + ".id "
                + "AND vh.status = 'ACCEPTED' AND vh.to_agency_id = ANY(:named))";
    }

    /**
     * The caller's own agency (or one where they hold INCIDENT_READ) is the reporter, the agency that filed the notice
     * (the filing user's own agency: it may always see what it filed), a recipient or an addressee.
     */
    static String namedParty(String i) {
        return "(" + i + ".reporter_agency_id = ANY(:named) OR " + i + ".filed_by_agency_id = ANY(:named) "
                + "OR EXISTS (SELECT 1 "
                + "FROM incident_recipient vr WHERE vr.incident_id = " + i + ".id AND vr.agency_id = ANY(:named)) "
                + "OR EXISTS (SELECT 1 FROM incident_order_addressee vo WHERE vo.incident_id = " + i
                + ".id AND vo.agency_id = ANY(:named)) OR " + acceptedHandover(i) + ")";
    }

    /**
     * Active shares of the case that reach the caller: the shared agency itself, or an agency in its subtree when the
     * share reaches the subtree (not AMBER+STRICT; {@link TlpRules#reachesSubtree}).
     */
    static String shares(String i) {
        return "FROM incident_share_recipient sr JOIN incident_share sh ON sh.id = sr.share_id AND sh.revoked_at IS NULL "
                + "JOIN agency ta ON ta.id = sr.agency_id JOIN agency ca ON ca.id = ANY(:named) "
                + "WHERE sr.incident_id = " + i + ".id AND (ca.id = ta.id OR (sh.subtree AND ca.path LIKE ta.path || '%'))";
    }

    static String visible(String i) {
        return "((" + i + ".tlp <> 'RED' AND (" + scoped(i) + " OR EXISTS (SELECT 1 " + shares(i) + "))) "
                + "OR (" + i + ".tlp = 'RED' AND " + namedParty(i) + "))";
    }

    /**
     * An item of the case marked {@code itemTlp} (a column) that the caller may see: the case is visible and
     * {@link TlpRules#maySee} holds. Needs the parameters {@code :scopeRoots} and {@code :named}.
     */
    static String itemVisible(String i, String itemTlp) {
        return "(" + visible(i) + " AND ((" + itemTlp + " <> 'RED' AND (" + scoped(i) + " OR " + namedParty(i)
                + " OR EXISTS (SELECT 1 " + shares(i) + " AND " + TlpRules.sqlRank("sh.cap") + " >= "
                + TlpRules.sqlRank(itemTlp) + "))) OR (" + itemTlp + " = 'RED' AND " + namedParty(i) + ")))";
    }

    /**
     * How the caller sees a case, for items with their own TLP marking (observables, evidence, reports): use
     * {@link #maySee(Tlp)} for each item. Obtain with {@link IncidentViews#access(UUID, CurrentUser)}.
     */
    record Access(boolean scoped, boolean named, Tlp shareCap) {
        boolean maySee(Tlp item) {
            return TlpRules.maySee(item, scoped, named, shareCap);
        }
    }

    /** The caller's access to a case they can see (404 otherwise); see {@link TlpRules}. */
    Access access(UUID id, CurrentUser user) {
        return jdbc.sql("SELECT " + scoped("i") + " AS scoped, " + namedParty("i") + " AS named, (SELECT sh.cap "
                        + shares("i") + " ORDER BY " + TlpRules.sqlRank("sh.cap") + " DESC LIMIT 1) AS cap "
                        + "FROM incident i WHERE i.id = :id AND " + visible("i"))
                .param("id", id).param("scopeRoots", roots(user))
                .param("named", Incidents.namedAgencies(user, Permission.INCIDENT_READ).toArray(UUID[]::new))
                .query((rs, n) -> new Access(rs.getBoolean("scoped"), rs.getBoolean("named"),
                        rs.getString("cap") == null ? null : Tlp.valueOf(rs.getString("cap"))))
                .optional().orElseThrow(() -> new NotFoundException("incident", id));
    }

    /**
     * {@link #visible} for a caller whose scope holds the root agency: every agency lies in that subtree, so every
     * incident that is not TLP:RED is visible without looking up paths, and TLP:RED ones only where named (same
     * rule, cheaper to evaluate over a million rows).
     */
    static String visibleNationally(String i) {
        return "(" + i + ".tlp <> 'RED' OR " + i + ".reporter_agency_id = ANY(:named) OR " + i
                + ".filed_by_agency_id = ANY(:named) OR EXISTS (SELECT 1 "
                + "FROM incident_recipient vr WHERE vr.incident_id = " + i + ".id AND vr.agency_id = ANY(:named)) "
                + "OR EXISTS (SELECT 1 FROM incident_order_addressee vo WHERE vo.incident_id = " + i
                + ".id AND vo.agency_id = ANY(:named)) OR " + acceptedHandover(i) + ")";
    }

    /** Whether one of {@code roots} is the root of the agency tree (a nationwide scope). */
    private boolean national(UUID[] roots) {
        return roots.length > 0 && jdbc.sql("SELECT EXISTS (SELECT 1 FROM agency WHERE id = ANY(:roots) "
                + "AND parent_id IS NULL)").param("roots", roots).query(Boolean.class).single();
    }

    record Row(UUID id, String reference, String title, IncidentState state, Severity severity,
               Severity proposedSeverity, Tlp tlp, AgencyId reporterAgency, AgencyId owner, AgencyId operator,
               UUID systemId, String category, Instant detectedAt, Instant reportedAt, boolean beyondCapacity,
               EmergencyPlan emergencyPlan, String systemName, String affectedAsset, String ownerName,
               String reporterAgencyName, AgencyId lead, String leadName) {
    }

    private static final String ROW = """
            SELECT i.id, i.reference, i.title, i.state, i.severity, i.proposed_severity, i.tlp, i.reporter_agency_id,
                   i.owner_id, i.operator_id, i.system_id, i.category, i.detected_at, i.reported_at, i.beyond_capacity,
                   i.emergency_plan, s.name AS system_name, i.affected_asset, o.name_vi AS owner_name,
                   ra.name_vi AS reporter_name_vi, i.lead_agency_id, la.name_vi AS lead_name
            FROM incident i LEFT JOIN information_system s ON s.id = i.system_id
            LEFT JOIN agency o ON o.id = i.owner_id JOIN agency ra ON ra.id = i.reporter_agency_id
            LEFT JOIN agency la ON la.id = i.lead_agency_id
            """;

    static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("title"),
                IncidentState.valueOf(rs.getString("state")),
                rs.getString("severity") == null ? null : Severity.valueOf(rs.getString("severity")),
                Severity.valueOf(rs.getString("proposed_severity")), Tlp.valueOf(rs.getString("tlp")),
                AgencyId.of(rs.getObject("reporter_agency_id", UUID.class)), agency(rs, "owner_id"),
                agency(rs, "operator_id"), rs.getObject("system_id", UUID.class), rs.getString("category"),
                rs.getTimestamp("detected_at").toInstant(), rs.getTimestamp("reported_at").toInstant(),
                rs.getBoolean("beyond_capacity"),
                rs.getString("emergency_plan") == null ? null : EmergencyPlan.valueOf(rs.getString("emergency_plan")),
                rs.getString("system_name"), rs.getString("affected_asset"), rs.getString("owner_name"),
                rs.getString("reporter_name_vi"), agency(rs, "lead_agency_id"), rs.getString("lead_name"));
    }

    private static AgencyId agency(ResultSet rs, String column) throws SQLException {
        UUID id = rs.getObject(column, UUID.class);
        return id == null ? null : AgencyId.of(id);
    }

    static UUID[] roots(CurrentUser user) {
        return user.scopeOf(Permission.INCIDENT_READ).stream().map(AgencyId::value).toArray(UUID[]::new);
    }

    Optional<Row> find(UUID id, CurrentUser user) {
        return jdbc.sql(ROW + " WHERE i.id = :id AND " + visible("i"))
                .param("id", id).param("scopeRoots", roots(user))
                .param("named", Incidents.namedAgencies(user, Permission.INCIDENT_READ).toArray(UUID[]::new))
                .query(IncidentViews::map).optional();
    }

    /** The case without a scope check: for the demo loader and jobs only. */
    Optional<Row> unscoped(UUID id) {
        return jdbc.sql(ROW + " WHERE i.id = :id").param("id", id).query(IncidentViews::map).optional();
    }

    Row row(UUID id, CurrentUser user) {
        return find(id, user).orElseThrow(() -> new NotFoundException("incident", id));
    }

    List<UUID> recipientAgencies(UUID id) {
        return jdbc.sql("SELECT agency_id FROM incident_recipient WHERE incident_id = :id").param("id", id)
                .query(UUID.class).list();
    }

    boolean isCoordinator(CurrentUser user, UUID id) {
        Set<AgencyId> scope = user.scopeOf(Permission.INCIDENT_COORDINATE);
        if (scope.isEmpty()) return false;
        return jdbc.sql("SELECT agency_id FROM incident_recipient WHERE incident_id = :id AND role = 'NATIONAL_COORDINATOR'")
                .param("id", id).query(UUID.class).list().stream().anyMatch(a -> tree.within(AgencyId.of(a), scope));
    }

    /**
     * Who may run the case like a coordinator (issue orders, request a hand-over or escalation): the national
     * coordinator of the case ({@link #isCoordinator}) or a holder of INCIDENT_COORDINATE over the lead agency (the
     * IR unit of a ministry or province coordinates response at its level, Decision 05/2017 Art 6, 11.5; Circular
     * 20/2017 Art 11). The one rule for both.
     */
    boolean mayLead(CurrentUser user, Row row) {
        if (row.lead() != null && tree.within(row.lead(), user.scopeOf(Permission.INCIDENT_COORDINATE))) return true;
        return isCoordinator(user, row.id());
    }

    private boolean anyWithin(CurrentUser user, Row row, Permission permission) {
        Set<AgencyId> scope = user.scopeOf(permission);
        if (scope.isEmpty()) return false;
        return Stream.concat(Stream.of(row.reporterAgency(), row.owner(), row.operator(), row.lead()),
                        recipientAgencies(row.id()).stream().map(AgencyId::of))
                .anyMatch(a -> a != null && tree.within(a, scope));
    }

    boolean isResponder(CurrentUser user, Row row) {
        return anyWithin(user, row, Permission.INCIDENT_RESPOND);
    }

    boolean canReport(CurrentUser user, Row row) {
        return anyWithin(user, row, Permission.INCIDENT_REPORT);
    }

    /** Decision 05/2017 Art 10: the plan proposed for a serious incident on this system. */
    EmergencyPlan proposedPlan(Row row) {
        SystemSummary s = row.systemId() == null ? null : systems.find(row.systemId()).orElse(null);
        Integer level = s == null ? null : s.approvedLevel();
        boolean national = s != null && Boolean.TRUE.equals(s.levelInputs().primeMinisterDesignated());
        String ownerKind = null;
        String topKind = null;
        if (row.owner() != null) {
            ownerKind = jdbc.sql("SELECT kind FROM agency WHERE id = :id").param("id", row.owner().value())
                    .query(String.class).optional().orElse(null);
            topKind = jdbc.sql("""
                            SELECT t.kind FROM agency o JOIN agency t ON o.path LIKE t.path || '%'
                            WHERE o.id = :id AND t.parent_id IS NOT NULL ORDER BY t.depth LIMIT 1""")
                    .param("id", row.owner().value()).query(String.class).optional().orElse(null);
        }
        return EmergencyPlan.propose(level, national, ownerKind, topKind);
    }

    // ---- API views ----

    record Named(UUID id, String code, String name) {
    }

    record RecipientView(UUID agencyId, String agencyCode, String agencyName, String role, String roleVi,
                         Instant deliveredAt, Instant acknowledgedAt, String acknowledgedBy, UUID escalatedTo,
                         Instant escalatedAt) {
    }

    record DeadlineView(String kind, String kindVi, UUID agencyId, String agencyName, Instant dueAt, Instant satisfiedAt, String status,
                        String legalBasis) {
    }

    /*
     * The orders of the recipient and clock lists, applied in Java to what a notice stored (the 201) and to what a
     * read finds, so that both answers list them alike whatever the database's collation: recipients in the order of
     * the law's list (RecipientRole), then by agency code; clocks by due time, kind, then agency name (the case's own
     * clocks, with no agency, last).
     */
    static final java.util.Comparator<RecipientView> RECIPIENT_ORDER = java.util.Comparator
            .comparingInt((RecipientView r) -> RecipientRole.valueOf(r.role()).ordinal())
            .thenComparing(RecipientView::agencyCode);
    static final java.util.Comparator<DeadlineView> DEADLINE_ORDER = java.util.Comparator
            .comparing(DeadlineView::dueAt).thenComparing(DeadlineView::kind)
            .thenComparing(DeadlineView::agencyName, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));

    record EventView(long id, Instant at, String actor, String kind, String fromState, String toState, String comment) {
    }

    record ReportSummary(UUID id, String type, String typeVi, int version, Instant createdAt, String createdBy,
                         String sha256, String signerSubject) {
    }

    record CategoryView(String code, String nameVi, String enisaClass, String enisaType) {
    }

    record Detail(UUID id, String reference, String title, String description, UUID systemId, String systemName,
                  String affectedAsset, Named owner, Named operator, Named reporterAgency,
                  Map<String, String> reporter, Instant detectedAt, Instant reportedAt, CategoryView category,
                  boolean beyondCapacity, String tlp, String resultsSoFar, String proposals,
                  List<IncidentObservables.View> observables, String state, String stateVi, String severity,
                  String proposedSeverity, List<String> impacts, String emergencyPlan, String proposedEmergencyPlan,
                  Map<String, Object> severityDecision, List<RecipientView> recipients, List<DeadlineView> deadlines,
                  List<EventView> timeline, List<ReportSummary> reports, List<String> allowedTransitions,
                  boolean canAcknowledge, boolean canReport, boolean coordinator, int version,
                  Named leadAgency) {
    }

    Detail detail(UUID id, CurrentUser user) {
        Row row = row(id, user);
        Instant now = Instant.now();
        Map<String, Object> raw = jdbc.sql("""
                        SELECT i.description, i.reporter_name, i.reporter_title, i.reporter_phone, i.reporter_email,
                               i.results_so_far, i.proposals,
                               array_to_string(i.impacts, ',') AS impacts, i.severity_decided_by, i.severity_decided_at,
                               i.severity_reason, i.version
                        FROM incident i WHERE i.id = :id""")
                .param("id", id).query().singleRow();
        List<RecipientView> recipients = jdbc.sql("""
                        SELECT r.agency_id, a.code, a.name_vi, r.role, r.delivered_at, r.acknowledged_at,
                               r.acknowledged_by, r.escalated_to, r.escalated_at
                        FROM incident_recipient r JOIN agency a ON a.id = r.agency_id WHERE r.incident_id = :id""")
                .param("id", id).query((rs, i) -> new RecipientView(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getString(4), RecipientRole.valueOf(rs.getString(4)).labelVi(),
                        ts(rs, 5), ts(rs, 6), rs.getString(7), rs.getObject(8, UUID.class), ts(rs, 9)))
                .list().stream().sorted(RECIPIENT_ORDER).toList();
        List<DeadlineView> deadlines = deadlines(id, now);
        List<EventView> timeline = jdbc.sql("""
                        SELECT id, at, actor, kind, from_state, to_state, comment FROM incident_event
                        WHERE incident_id = :id ORDER BY id""")
                .param("id", id).query((rs, i) -> new EventView(rs.getLong(1), ts(rs, 2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))).list();
        List<ReportSummary> reports = reports(id);
        boolean coordinator = isCoordinator(user, id);
        boolean responder = isResponder(user, row);
        List<String> allowed = row.state().next().stream()
                .filter(s -> s.coordinatorStep() ? coordinator : (coordinator || responder)).map(Enum::name).toList();
        Set<UUID> named = Incidents.namedAgencies(user, Permission.INCIDENT_READ);
        boolean canAck = recipients.stream().anyMatch(r -> r.acknowledgedAt() == null && named.contains(r.agencyId()));
        IncidentCategories.Category c = categories.find(row.category()).orElse(null);
        Map<String, String> reporter = new LinkedHashMap<>();
        reporter.put("name", (String) raw.get("reporter_name"));
        reporter.put("title", (String) raw.get("reporter_title"));
        reporter.put("phone", (String) raw.get("reporter_phone"));
        reporter.put("email", (String) raw.get("reporter_email"));
        Map<String, Object> decision = null;
        if (row.severity() != null) {
            decision = new LinkedHashMap<>();
            decision.put("severity", row.severity().name());
            decision.put("decidedBy", raw.get("severity_decided_by"));
            decision.put("decidedAt", raw.get("severity_decided_at") == null ? null
                    : ((Timestamp) raw.get("severity_decided_at")).toInstant());
            decision.put("reason", raw.get("severity_reason"));
        }
        String impacts = (String) raw.get("impacts");
        List<IncidentObservables.View> observables = this.observables.list(user, id, access(id, user));
        return new Detail(id, row.reference(), row.title(), (String) raw.get("description"), row.systemId(),
                row.systemName(), row.affectedAsset(), named(row.owner()), named(row.operator()),
                named(row.reporterAgency()), reporter, row.detectedAt(), row.reportedAt(),
                c == null ? null : new CategoryView(c.code(), c.nameVi(), c.enisaClass(), c.enisaType()),
                row.beyondCapacity(), row.tlp().name(), (String) raw.get("results_so_far"),
                (String) raw.get("proposals"), observables, row.state().name(), row.state().labelVi(),
                row.severity() == null ? null : row.severity().name(), row.proposedSeverity().name(),
                impacts == null || impacts.isEmpty() ? List.of() : List.of(impacts.split(",")),
                row.emergencyPlan() == null ? null : row.emergencyPlan().name(),
                row.proposedSeverity() == Severity.SERIOUS || row.severity() == Severity.SERIOUS
                        ? proposedPlan(row).name() : null,
                decision, recipients, deadlines, timeline, reports, allowed, canAck, canReport(user, row),
                coordinator, ((Number) raw.get("version")).intValue(), named(row.lead()));
    }

    /**
     * The detail of a notice just filed by {@code user}, built from what the intake stored (no read-back of the case):
     * the same JSON as {@link #detail} for the same caller right after (IncidentIntakeIntegrationTests compares
     * them). The agencies involved are named and placed in the caller's scopes (coordinator, responder, reporter)
     * from the registry snapshot the notice was filed on; the lists take the orders of {@link #RECIPIENT_ORDER} and
     * {@link #DEADLINE_ORDER}; one query lists the observables when there are any. The filing agency is a named party,
     * so the caller may see what it filed.
     */
    Detail filed(Incidents.Filed f, CurrentUser user) {
        Instant now = Instant.now();
        List<AgencyId> ids = new ArrayList<>();
        Stream.of(f.reporter(), f.owner(), f.operator(), f.lead()).filter(java.util.Objects::nonNull).forEach(ids::add);
        f.recipients().forEach(r -> ids.add(r.agency()));
        record Party(UUID id, String code, String name, boolean read, boolean respond, boolean report,
                     boolean coordinate) {
        }
        // From the registry snapshot of the notice, scopes checked on the paths: no statement of its own.
        Set<AgencyId> read = user.scopeOf(Permission.INCIDENT_READ);
        Set<AgencyId> respond = user.scopeOf(Permission.INCIDENT_RESPOND);
        Set<AgencyId> report = user.scopeOf(Permission.INCIDENT_REPORT);
        Set<AgencyId> coordinate = user.scopeOf(Permission.INCIDENT_COORDINATE);
        Map<UUID, Party> parties = new java.util.HashMap<>();
        f.registry().registered(ids).forEach((id, a) -> parties.put(id.value(), new Party(id.value(), a.code(), a.name(),
                AgencyTree.pathWithin(a.path(), read), AgencyTree.pathWithin(a.path(), respond),
                AgencyTree.pathWithin(a.path(), report), AgencyTree.pathWithin(a.path(), coordinate))));
        java.util.function.Function<AgencyId, Named> named = a -> {
            Party p = a == null ? null : parties.get(a.value());
            return p == null ? null : new Named(p.id(), p.code(), p.name());
        };
        List<RecipientView> recipients = f.recipients().stream().map(r -> {
            Party p = parties.get(r.agency().value());
            return new RecipientView(p.id(), p.code(), p.name(), r.role().name(), r.role().labelVi(), f.reportedAt(),
                    null, null, null, null);
        }).sorted(RECIPIENT_ORDER).toList();
        List<DeadlineView> deadlines = f.clocks().stream()
                .map(c -> new DeadlineView(c.kind().name(), c.kind().labelVi(),
                        c.agency() == null ? null : c.agency().value(),
                        c.agency() == null ? null : parties.get(c.agency().value()).name(), c.due(), c.satisfied(),
                        Deadlines.status(c.due(), c.satisfied(), now).name(), c.kind().basis))
                .sorted(DEADLINE_ORDER).toList();
        List<EventView> timeline = List.of(new EventView(f.eventId(), f.reportedAt(), f.eventActor(), "FILED", null,
                IncidentState.RECEIVED.name(), f.eventComment()));
        List<AgencyId> caseParties = new ArrayList<>();
        Stream.of(f.reporter(), f.owner(), f.operator()).filter(java.util.Objects::nonNull).forEach(caseParties::add);
        f.recipients().forEach(r -> caseParties.add(r.agency()));
        java.util.function.Predicate<java.util.function.Predicate<Party>> any = test -> caseParties.stream()
                .map(a -> parties.get(a.value())).anyMatch(p -> p != null && test.test(p));
        boolean coordinator = f.recipients().stream().filter(r -> r.role() == RecipientRole.NATIONAL_COORDINATOR)
                .map(r -> parties.get(r.agency().value())).anyMatch(p -> p != null && p.coordinate());
        boolean responder = any.test(Party::respond);
        boolean canReport = any.test(Party::report);
        List<String> allowed = IncidentState.RECEIVED.next().stream()
                .filter(st -> st.coordinatorStep() ? coordinator : (coordinator || responder)).map(Enum::name).toList();
        Set<UUID> namedSet = Incidents.namedAgencies(user, Permission.INCIDENT_READ);
        boolean canAck = recipients.stream().anyMatch(r -> namedSet.contains(r.agencyId()));
        IncidentCategories.Category c = categories.find(f.category()).orElse(null);
        List<IncidentObservables.View> observables = List.of();
        if (!f.observables().isEmpty()) {
            boolean isNamed = namedSet.contains(f.reporter().value())
                    || (f.filedBy() != null && namedSet.contains(f.filedBy().value()))
                    || f.recipients().stream().anyMatch(r -> namedSet.contains(r.agency().value()));
            observables = this.observables.listNew(user, f.id(), f.observables(),
                    new Access(any.test(Party::read), isNamed, null));
        }
        String proposedPlan = null;
        if (f.proposedSeverity() == Severity.SERIOUS) {
            proposedPlan = proposedPlan(new Row(f.id(), f.reference(), f.title(), IncidentState.RECEIVED, null,
                    f.proposedSeverity(), f.tlp(), f.reporter(), f.owner(), f.operator(),
                    f.system() == null ? null : f.system().id(), f.category(), f.detectedAt(), f.reportedAt(),
                    f.beyondCapacity(), null, null, f.asset(), null, null, null, null)).name();
        }
        return new Detail(f.id(), f.reference(), f.title(), f.description(), f.system() == null ? null : f.system().id(),
                f.system() == null ? null : f.system().name(), f.asset(), named.apply(f.owner()),
                named.apply(f.operator()), named.apply(f.reporter()), f.reporterContact(), f.detectedAt(),
                f.reportedAt(), c == null ? null : new CategoryView(c.code(), c.nameVi(), c.enisaClass(), c.enisaType()),
                f.beyondCapacity(), f.tlp().name(), f.resultsSoFar(), f.proposals(), observables,
                IncidentState.RECEIVED.name(), IncidentState.RECEIVED.labelVi(), null, f.proposedSeverity().name(),
                f.impacts(), null, proposedPlan, null, recipients, deadlines, timeline, List.of(), allowed, canAck,
                canReport, coordinator, 0, named.apply(f.lead()));
    }

    List<DeadlineView> deadlines(UUID id, Instant now) {
        return jdbc.sql("""
                        SELECT d.kind, d.agency_id, d.due_at, d.satisfied_at, d.legal_basis, a.name_vi
                        FROM incident_deadline d LEFT JOIN agency a ON a.id = d.agency_id
                        WHERE d.incident_id = :id""")
                .param("id", id).query((rs, i) -> {
                    Deadlines.Kind kind = Deadlines.Kind.valueOf(rs.getString(1));
                    Instant due = ts(rs, 3);
                    Instant satisfied = ts(rs, 4);
                    return new DeadlineView(kind.name(), kind.labelVi(), rs.getObject(2, UUID.class), rs.getString(6), due,
                            satisfied,
                            Deadlines.status(due, satisfied, now).name(), rs.getString(5));
                }).list().stream().sorted(DEADLINE_ORDER).toList();
    }

    List<ReportSummary> reports(UUID id) {
        return jdbc.sql("""
                        SELECT id, type, version, created_at, created_by, sha256, signer_subject FROM incident_report
                        WHERE incident_id = :id ORDER BY created_at, type, version""")
                .param("id", id).query((rs, i) -> new ReportSummary(rs.getObject(1, UUID.class), rs.getString(2),
                        ReportType.valueOf(rs.getString(2)).labelVi(), rs.getInt(3), ts(rs, 4), rs.getString(5),
                        rs.getString(6), rs.getString(7))).list();
    }

    private Named named(AgencyId id) {
        if (id == null) return null;
        return jdbc.sql("SELECT id, code, name_vi FROM agency WHERE id = :id").param("id", id.value())
                .query((rs, i) -> new Named(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .optional().orElse(null);
    }

    static Instant ts(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    // ---- list ----

    record ListItem(UUID id, String reference, String title, String state, String stateVi, String severity,
                    String proposedSeverity, String tlp, String category, String categoryVi, Instant detectedAt,
                    Instant reportedAt, String systemName, String affectedAsset, String ownerName,
                    String reporterAgencyName, int overdueClocks, int unacknowledged, String leadAgencyName) {
    }

    /**
     * One page of the list. {@code total} is exact up to {@link #COUNT_LIMIT}; above it, {@code total} is that limit
     * and {@code totalCapped} is true ("more than 1,000"): counting every one of a million visible incidents on
     * each request costs seconds (issue 4 §5: the list answers in p95 < 150 ms with 1,000,000 incidents).
     */
    record Page(List<ListItem> items, int page, int size, long total, boolean totalCapped) {
        Page(List<ListItem> items, int page, int size, long total) {
            this(items, page, size, total, false);
        }
    }

    static final int COUNT_LIMIT = 1_000;

    record Filter(String state, String severity, String category, UUID agencyId, Boolean overdue, Boolean open,
                  String sort, Integer page, Integer size) {
    }

    Page list(CurrentUser user, Filter f) {
        return query(user, f, true);
    }

    /** The page of {@code f} without its total: the board's lists, which show no count (saves a scan per list). */
    List<ListItem> items(CurrentUser user, Filter f) {
        return query(user, f, false).items();
    }

    private Page query(CurrentUser user, Filter f, boolean counted) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        IncidentState state = Incidents.parse(IncidentState.class, f.state(), "state", errors, false);
        Severity severity = Incidents.parse(Severity.class, f.severity(), "severity", errors, false);
        if (f.category() != null && !f.category().isBlank() && categories.find(f.category()).isEmpty()) {
            errors.add(new InvalidInputException.FieldError("category", "Loại sự cố không có trong danh mục."));
        }
        String order = switch (f.sort() == null || f.sort().isBlank() ? "-reportedAt" : f.sort().strip()) {
            case "-reportedAt" -> "i.reported_at DESC, i.id";
            case "reportedAt" -> "i.reported_at, i.id";
            case "-detectedAt" -> "i.detected_at DESC, i.id";
            case "detectedAt" -> "i.detected_at, i.id";
            case "severity" -> "CASE COALESCE(i.severity, i.proposed_severity) WHEN 'SERIOUS' THEN 0 ELSE 1 END, "
                    + "i.reported_at DESC, i.id";
            case "reference" -> "i.reference";
            default -> {
                errors.add(new InvalidInputException.FieldError("sort", "Sắp xếp theo một trong reportedAt, "
                        + "-reportedAt, detectedAt, -detectedAt, severity, reference (invalid sort)."));
                yield null;
            }
        };
        int page = f.page() == null ? 0 : f.page();
        int size = f.size() == null ? 25 : f.size();
        if (page < 0) errors.add(new InvalidInputException.FieldError("page", "page ≥ 0"));
        if (size < 1 || size > 200) errors.add(new InvalidInputException.FieldError("size", "size từ 1 đến 200"));
        if (!errors.isEmpty()) throw new InvalidInputException("Bộ lọc không hợp lệ (invalid filter).", errors);
        UUID[] roots = roots(user);
        boolean national = national(roots);
        StringBuilder where = new StringBuilder(" WHERE " + (national ? visibleNationally("i") : visible("i")));
        Map<String, Object> params = new LinkedHashMap<>();
        if (!national) params.put("scopeRoots", roots);
        params.put("named", Incidents.namedAgencies(user, Permission.INCIDENT_READ).toArray(UUID[]::new));
        if (state != null) {
            where.append(" AND i.state = :state");
            params.put("state", state.name());
        }
        if (Boolean.TRUE.equals(f.open())) where.append(" AND i.state <> 'CLOSED'");
        if (severity != null) {
            where.append(" AND COALESCE(i.severity, i.proposed_severity) = :severity");
            params.put("severity", severity.name());
        }
        if (f.category() != null && !f.category().isBlank()) {
            where.append(" AND i.category = :category");
            params.put("category", f.category().strip());
        }
        String join = "";
        if (f.agencyId() != null) {
            // Reporter, owner, operator or a recipient in the agency's subtree: the case's row of incident_agency
            // for that ancestor (V113; one per case, so no duplicates). Joined, not tested per incident: its index
            // is in list order (reported_at DESC, id), so "newest first" reads the first 25 entries of the subtree.
            join = " JOIN incident_agency fa ON fa.incident_id = i.id AND fa.reported_at = i.reported_at"
                    + " AND fa.ancestor_id = :agency";
            params.put("agency", f.agencyId());
        }
        if (Boolean.TRUE.equals(f.overdue())) {
            // Tested per incident in list order (a probe of the partial index on open clocks), so a page stops
            // after its 25 rows instead of fetching and sorting every incident with a clock past due.
            where.append(" AND EXISTS (SELECT 1 FROM incident_deadline od WHERE od.incident_id = i.id "
                    + "AND od.satisfied_at IS NULL AND od.due_at < now())");
        } else if (f.overdue() != null) {
            where.append(" AND NOT EXISTS (SELECT 1 FROM incident_deadline od "
                    + "WHERE od.incident_id = i.id AND od.satisfied_at IS NULL AND od.due_at < now())");
        }
        // The names are looked up per row of the page (scalar subqueries on primary keys), not joined: joined, the
        // planner (expecting a row or two) scanned the 20,000 systems once per row of the page.
        var select = jdbc.sql("""
                SELECT i.id, i.reference, i.title, i.state, i.severity, i.proposed_severity, i.tlp, i.category,
                       i.detected_at, i.reported_at, i.affected_asset,
                       (SELECT s.name FROM information_system s WHERE s.id = i.system_id) AS system_name,
                       (SELECT o.name_vi FROM agency o WHERE o.id = i.owner_id) AS owner_name,
                       (SELECT ra.name_vi FROM agency ra WHERE ra.id = i.reporter_agency_id) AS reporter_name_vi,
                       (SELECT count(*) FROM incident_deadline d WHERE d.incident_id = i.id AND d.satisfied_at IS NULL
                          AND d.due_at < now()) AS overdue,
                       (SELECT count(*) FROM incident_recipient r WHERE r.incident_id = i.id
                          AND r.acknowledged_at IS NULL) AS unacknowledged,
                       (SELECT la.name_vi FROM agency la WHERE la.id = i.lead_agency_id) AS lead_name
                FROM incident i""" + join + where + " ORDER BY " + order + " LIMIT :limit OFFSET :offset");
        for (var e : params.entrySet()) select = select.param(e.getKey(), e.getValue());
        List<ListItem> items = select.param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> {
                    IncidentState st = IncidentState.valueOf(rs.getString("state"));
                    String cat = rs.getString("category");
                    return new ListItem(rs.getObject("id", UUID.class), rs.getString("reference"),
                            rs.getString("title"), st.name(), st.labelVi(), rs.getString("severity"),
                            rs.getString("proposed_severity"), rs.getString("tlp"), cat,
                            categories.find(cat).map(IncidentCategories.Category::nameVi).orElse(cat),
                            rs.getTimestamp("detected_at").toInstant(), rs.getTimestamp("reported_at").toInstant(),
                            rs.getString("system_name"), rs.getString("affected_asset"), rs.getString("owner_name"),
                            rs.getString("reporter_name_vi"), rs.getInt("overdue"), rs.getInt("unacknowledged"),
                            rs.getString("lead_name"));
                }).list();
        if (!counted) return new Page(items, page, size, items.size(), false);
        var count = jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM incident i" + join + where + " LIMIT :countLimit) c");
        for (var e : params.entrySet()) count = count.param(e.getKey(), e.getValue());
        long found = count.param("countLimit", COUNT_LIMIT + 1).query(Long.class).single();
        return new Page(items, page, size, Math.min(found, COUNT_LIMIT), found > COUNT_LIMIT);
    }
}
