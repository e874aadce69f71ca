package vn.attthub.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.control.ControlCatalog.Requirement;
import vn.attthub.dossier.LevelApproved;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Systems' control baselines: instantiated from the catalog when a level is approved (a later approval at another
 * level applies the {@link BaselineDelta}; nothing is deleted), read with their evidence, and updated one requirement
 * at a time with a version check. Every change is audited in the same transaction.
 */
@Component
public class Baselines {
    private static final Logger log = LoggerFactory.getLogger(Baselines.class);
    private final JdbcClient jdbc;
    private final ControlCatalog catalog;
    private final InformationSystems systems;
    private final AgencyDirectory agencies;
    private final ComplianceCounters counters;
    private final Assessments assessments;
    private final AuditLog audit;

    Baselines(JdbcClient jdbc, ControlCatalog catalog, InformationSystems systems, AgencyDirectory agencies,
              ComplianceCounters counters, Assessments assessments, AuditLog audit) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.systems = systems;
        this.agencies = agencies;
        this.counters = counters;
        this.assessments = assessments;
        this.audit = audit;
    }

    public record Counts(int applicable, int compliant, int stale) {
        /** Share of applicable requirements implemented with current evidence, 0-100 (null when none applies). */
        public Integer percent() {
            return applicable == 0 ? null : (int) Math.floor(compliant * 100.0 / applicable);
        }
    }

    public record LevelChange(int level, Integer previousLevel, UUID dossierId, Instant approvedAt, int added,
                              int retired, int reinstated) {
    }

    public record Evidence(UUID id, String kind, String title, String url, String fileName, String mediaType,
                           Long sizeBytes, String sha256, LocalDate effectiveOn, LocalDate expiresOn,
                           EvidenceValidity validity) {
    }

    public record Item(Requirement requirement, boolean required, int addedForLevel, Instant addedAt, Instant retiredAt,
                       RequirementStatus status, String justification, AgencyId ownerAgencyId, String ownerAgencyName,
                       String ownerName, LocalDate dueOn, String note, int version, Instant updatedAt,
                       List<Evidence> evidence, RequirementState state, boolean overdue) {
    }

    public record Baseline(UUID systemId, String systemCode, String systemName, AgencyId ownerId, int level,
                           String regime, String catalogVersion, Instant approvedAt, UUID dossierId, Counts counts,
                           List<Item> items, List<LevelChange> history) {
    }

    // ------------------------------------------------------------------ instantiation on approval

    /**
     * Instantiates the baseline of a newly approved level, or applies the delta from the previous level. Idempotent
     * (a redelivered event changes nothing) and ignores an approval older than the one already applied.
     */
    @Transactional
    public BaselineDelta apply(LevelApproved event) {
        SystemSummary system = systems.find(event.systemId())
                .orElseThrow(() -> new IllegalStateException("approved system " + event.systemId() + " is not registered"));
        Instant approvedAt = event.approvedAt().truncatedTo(ChronoUnit.MICROS);
        AgencyId owner = event.ownerId() != null ? event.ownerId() : system.ownerId();
        Optional<Instant> applied = jdbc.sql("SELECT approved_at FROM control_baseline WHERE system_id = ? FOR UPDATE")
                .param(event.systemId()).query(java.time.OffsetDateTime.class).optional().map(java.time.OffsetDateTime::toInstant);
        if (applied.isPresent() && !approvedAt.isAfter(applied.get())) {
            log.info("Baseline of {}: approval at {} already applied or older than {}", event.systemId(), approvedAt, applied.get());
            return new BaselineDelta(List.of(), List.of(), List.of());
        }
        jdbc.sql("""
                        INSERT INTO control_baseline (system_id, owner_agency_id, operator_agency_id, system_code, system_name,
                                                      level, regime, catalog_version, approved_at, dossier_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (system_id) DO UPDATE SET owner_agency_id = EXCLUDED.owner_agency_id,
                          operator_agency_id = EXCLUDED.operator_agency_id, system_code = EXCLUDED.system_code,
                          system_name = EXCLUDED.system_name, level = EXCLUDED.level, regime = EXCLUDED.regime,
                          catalog_version = EXCLUDED.catalog_version, approved_at = EXCLUDED.approved_at,
                          dossier_id = EXCLUDED.dossier_id, updated_at = now()""")
                .params(event.systemId(), owner.value(), system.operatorId() == null ? null : system.operatorId().value(),
                        system.code(), system.name(), event.level(), catalog.regime(), catalog.version(),
                        Timestamp.from(approvedAt), event.dossierId()).update();
        Map<String, Boolean> existing = new HashMap<>();
        jdbc.sql("SELECT requirement_id, required FROM control_baseline_item WHERE system_id = ?").param(event.systemId())
                .query(rs -> {
                    existing.put(rs.getString(1), rs.getBoolean(2));
                });
        BaselineDelta delta = BaselineDelta.between(catalog.forLevel(event.level()), existing);
        Timestamp at = Timestamp.from(approvedAt);
        for (Requirement r : delta.added()) {
            jdbc.sql("""
                            INSERT INTO control_baseline_item (system_id, requirement_id, required, added_for_level, added_at)
                            VALUES (?, ?, TRUE, ?, ?)""").params(event.systemId(), r.id(), event.level(), at).update();
        }
        for (String id : delta.retired()) {
            jdbc.sql("""
                            UPDATE control_baseline_item SET required = FALSE, retired_at = ?, version = version + 1, updated_at = now()
                            WHERE system_id = ? AND requirement_id = ?""").params(at, event.systemId(), id).update();
        }
        for (String id : delta.reinstated()) {
            jdbc.sql("""
                            UPDATE control_baseline_item SET required = TRUE, retired_at = NULL, version = version + 1, updated_at = now()
                            WHERE system_id = ? AND requirement_id = ?""").params(event.systemId(), id).update();
        }
        jdbc.sql("""
                        INSERT INTO control_baseline_level (system_id, dossier_id, level, previous_level, approved_at, added, retired, reinstated)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.systemId(), event.dossierId(), event.level(), event.previousLevel(), at,
                        delta.added().size(), delta.retired().size(), delta.reinstated().size()).update();
        counters.recompute(List.of(event.systemId()), ComplianceCounters.today());
        assessments.planOnApproval(event.systemId(), owner, event.level(),
                LocalDate.ofInstant(approvedAt, ComplianceCounters.ZONE));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", system.code());
        details.put("level", AuditEntry.change(event.previousLevel(), event.level()));
        details.put("dossierId", event.dossierId());
        details.put("catalogVersion", catalog.version());
        details.put("added", delta.added().stream().map(Requirement::id).toList());
        details.put("retired", delta.retired());
        details.put("reinstated", delta.reinstated());
        audit.recordFor(null, "system", AuditEntry.success(applied.isEmpty() ? "control.baseline-created"
                : "control.baseline-level-changed", "control-baseline", event.systemId(), owner, details));
        return delta;
    }

    // ------------------------------------------------------------------ reads

    public Optional<Baseline> find(UUID systemId, LocalDate today) {
        record Head(UUID systemId, String code, String name, AgencyId owner, int level, String regime, String version,
                    Instant approvedAt, UUID dossierId) {
        }
        Optional<Head> head = jdbc.sql("""
                        SELECT system_id, system_code, system_name, owner_agency_id, level, regime, catalog_version, approved_at, dossier_id
                        FROM control_baseline WHERE system_id = ?""").param(systemId)
                .query((rs, i) -> new Head(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        AgencyId.of(rs.getObject(4, UUID.class)), rs.getInt(5), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant(), rs.getObject(9, UUID.class))).optional();
        if (head.isEmpty()) return Optional.empty();
        Head h = head.get();
        List<Item> items = items(systemId, null, today);
        int applicable = 0, compliant = 0, stale = 0;
        for (Item i : items) {
            if (i.state().applicable()) applicable++;
            if (i.state().compliant()) compliant++;
            if (i.state().stale()) stale++;
        }
        List<LevelChange> history = jdbc.sql("""
                        SELECT level, previous_level, dossier_id, approved_at, added, retired, reinstated
                        FROM control_baseline_level WHERE system_id = ? ORDER BY approved_at DESC""").param(systemId)
                .query((rs, i) -> new LevelChange(rs.getInt(1), (Integer) rs.getObject(2), rs.getObject(3, UUID.class),
                        rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getInt(6), rs.getInt(7))).list();
        return Optional.of(new Baseline(h.systemId(), h.code(), h.name(), h.owner(), h.level(), h.regime(), h.version(),
                h.approvedAt(), h.dossierId(), new Counts(applicable, compliant, stale), items, history));
    }

    public Item item(UUID systemId, String requirementId, LocalDate today) {
        return items(systemId, requirementId, today).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("baseline requirement", requirementId));
    }

    List<Item> items(UUID systemId, String onlyRequirement, LocalDate today) {
        Map<String, List<Evidence>> evidence = new HashMap<>();
        jdbc.sql("""
                        SELECT l.requirement_id, e.id, e.kind, e.title, e.url, e.file_name, e.media_type, e.size_bytes, e.sha256,
                               e.effective_on, e.expires_on
                        FROM control_evidence_link l JOIN control_evidence e ON e.id = l.evidence_id
                        WHERE l.system_id = :system AND (CAST(:req AS TEXT) IS NULL OR l.requirement_id = :req)
                        ORDER BY e.effective_on DESC, e.created_at DESC""")
                .param("system", systemId).param("req", onlyRequirement)
                .query(rs -> {
                    LocalDate from = rs.getObject("effective_on", LocalDate.class);
                    LocalDate to = rs.getObject("expires_on", LocalDate.class);
                    evidence.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Evidence(
                            rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("title"), rs.getString("url"),
                            rs.getString("file_name"), rs.getString("media_type"), (Long) rs.getObject("size_bytes"),
                            rs.getString("sha256"), from, to, EvidenceValidity.of(from, to, today)));
                });
        List<Item> items = jdbc.sql("""
                        SELECT i.requirement_id, i.required, i.added_for_level, i.added_at, i.retired_at, i.status, i.justification,
                               i.owner_agency_id, a.name_vi AS owner_agency_name, i.owner_name, i.due_on, i.note, i.version, i.updated_at
                        FROM control_baseline_item i LEFT JOIN agency a ON a.id = i.owner_agency_id
                        WHERE i.system_id = :system AND (CAST(:req AS TEXT) IS NULL OR i.requirement_id = :req)""")
                .param("system", systemId).param("req", onlyRequirement)
                .query((rs, n) -> item(rs, evidence, today)).list();
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing((Item i) -> !i.required()).thenComparingInt(i -> catalog.order(i.requirement().id())));
        return sorted;
    }

    private Item item(ResultSet rs, Map<String, List<Evidence>> evidence, LocalDate today) throws SQLException {
        String id = rs.getString("requirement_id");
        Requirement r = catalog.requirement(id).orElseGet(() -> new Requirement(id, "POLICY", id, id, 1, null,
                "—", false, "Yêu cầu không còn trong danh mục hiện hành (no longer in the current catalog)."));
        List<Evidence> ev = evidence.getOrDefault(id, List.of());
        RequirementStatus status = RequirementStatus.valueOf(rs.getString("status"));
        boolean required = rs.getBoolean("required");
        RequirementState state = RequirementState.of(required, status, ev.stream().map(Evidence::validity).toList());
        UUID ownerAgency = rs.getObject("owner_agency_id", UUID.class);
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        Timestamp retired = rs.getTimestamp("retired_at");
        boolean overdue = due != null && today.isAfter(due) && state.applicable()
                && status != RequirementStatus.IMPLEMENTED;
        return new Item(r, required, rs.getInt("added_for_level"), rs.getTimestamp("added_at").toInstant(),
                retired == null ? null : retired.toInstant(), status, rs.getString("justification"),
                ownerAgency == null ? null : AgencyId.of(ownerAgency), rs.getString("owner_agency_name"),
                rs.getString("owner_name"), due, rs.getString("note"), rs.getInt("version"),
                rs.getTimestamp("updated_at").toInstant(), List.copyOf(ev), state, overdue);
    }

    // ------------------------------------------------------------------ updates

    /** A change to one requirement of a baseline, as the caller typed it. */
    public record Change(RequirementStatus status, String justification, UUID ownerAgencyId, String ownerName,
                         LocalDate dueOn, String note) {
    }

    /**
     * Changes one requirement's status, owner, due date or note. NOT_APPLICABLE needs a justification.
     *
     * @throws ConflictException 412 when {@code expectedVersion} is not the current version
     */
    @Transactional
    public Item update(UUID systemId, String requirementId, int expectedVersion, Change change, CurrentUser user,
                       LocalDate today) {
        Item before = item(systemId, requirementId, today);
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (change.status() == null) {
            errors.add(new InvalidInputException.FieldError("status", "Cần chọn trạng thái (status is required)."));
        }
        String justification = blankToNull(change.justification());
        if (change.status() == RequirementStatus.NOT_APPLICABLE && justification == null) {
            errors.add(new InvalidInputException.FieldError("justification",
                    "Cần nêu lý do khi đánh dấu không áp dụng (justification required for NOT_APPLICABLE)."));
        }
        if (justification != null && justification.length() > 4000) {
            errors.add(new InvalidInputException.FieldError("justification", "Tối đa 4000 ký tự (at most 4000 characters)."));
        }
        String note = blankToNull(change.note());
        if (note != null && note.length() > 4000) {
            errors.add(new InvalidInputException.FieldError("note", "Tối đa 4000 ký tự (at most 4000 characters)."));
        }
        String ownerName = blankToNull(change.ownerName());
        if (ownerName != null && ownerName.length() > 200) {
            errors.add(new InvalidInputException.FieldError("ownerName", "Tối đa 200 ký tự (at most 200 characters)."));
        }
        if (change.ownerAgencyId() != null) {
            Optional<AgencySummary> agency = agencies.find(AgencyId.of(change.ownerAgencyId()));
            if (agency.isEmpty()) {
                errors.add(new InvalidInputException.FieldError("ownerAgencyId",
                        "Không tìm thấy cơ quan phụ trách (unknown agency)."));
            }
        }
        if (change.dueOn() != null && (change.dueOn().getYear() < 2000 || change.dueOn().getYear() > 2100)) {
            errors.add(new InvalidInputException.FieldError("dueOn", "Hạn không hợp lệ (due date out of range)."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Dữ liệu không hợp lệ (invalid input).", errors);
        }
        int n = jdbc.sql("""
                        UPDATE control_baseline_item SET status = ?, justification = ?, owner_agency_id = ?, owner_name = ?,
                               due_on = ?, note = ?, updated_at = now(), updated_by = ?, version = version + 1
                        WHERE system_id = ? AND requirement_id = ? AND version = ?""")
                .params(change.status().name(), justification, change.ownerAgencyId(), ownerName, change.dueOn(), note,
                        user.id().value(), systemId, requirementId, expectedVersion).update();
        if (n == 0) throw ConflictException.staleVersion();
        counters.recompute(List.of(systemId), today);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requirement", requirementId);
        putChange(details, "status", before.status(), change.status());
        putChange(details, "justification", before.justification(), justification);
        putChange(details, "ownerAgencyId", before.ownerAgencyId() == null ? null : before.ownerAgencyId().value(),
                change.ownerAgencyId());
        putChange(details, "ownerName", before.ownerName(), ownerName);
        putChange(details, "dueOn", before.dueOn(), change.dueOn());
        putChange(details, "note", before.note(), note);
        AgencyId owner = jdbc.sql("SELECT owner_agency_id FROM control_baseline WHERE system_id = ?").param(systemId)
                .query(UUID.class).optional().map(AgencyId::of).orElse(null);
        audit.record(AuditEntry.success("control.requirement-updated", "control-baseline", systemId, owner, details));
        return item(systemId, requirementId, today);
    }

    private static void putChange(Map<String, Object> details, String field, Object before, Object after) {
        String b = before == null ? null : before.toString();
        String a = after == null ? null : after.toString();
        if (!Objects.equals(b, a)) details.put(field, AuditEntry.change(b, a));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
