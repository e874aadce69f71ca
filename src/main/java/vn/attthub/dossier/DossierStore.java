package vn.attthub.dossier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.regime.MatchedRule;
import vn.attthub.shared.AgencyId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL for dossiers, their documents, steps and timeline. No scope checks here: {@link DossierAccess} decides. */
@Component
class DossierStore {
    static final String COLUMNS = """
            d.id, d.system_id, d.system_code, d.system_name, d.version_no, d.regime, d.proposed_level,
            d.determined_level, d.matched_rules::text AS matched_rules, d.justification, d.state, d.owner_id,
            d.operator_id, d.opinion_agency_id, d.appraiser_id, d.approver_id, d.procedure_basis, d.opinion_given_at,
            d.appraisal_reference, d.appraised_at, d.plan_approved_at, d.pm_list_reference, d.pm_list_recorded_at,
            d.approved_at, d.decision_file_id, d.decision_sha256, d.decision_signer, d.superseded_by, d.created_at,
            d.updated_at, d.version""";

    /** Dossiers readable with these roots: the system's owner or operator, or an agency acting on it, within them. */
    static final String READABLE = """
            EXISTS (SELECT 1 FROM agency scope_a JOIN agency scope_root ON scope_a.path LIKE scope_root.path || '%'
                    WHERE scope_root.id = ANY(:scopeRoots)
                      AND scope_a.id IN (d.owner_id, d.operator_id, d.opinion_agency_id, d.appraiser_id, d.approver_id))""";

    private static final TypeReference<List<MatchedRule>> RULES = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonMapper json;

    DossierStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    static SqlArrayValue roots(Collection<AgencyId> roots) {
        return new SqlArrayValue("uuid", roots.stream().map(AgencyId::value).toArray());
    }

    Dossier map(ResultSet rs, int row) throws SQLException {
        String rules = rs.getString("matched_rules");
        return new Dossier(rs.getObject("id", UUID.class), rs.getObject("system_id", UUID.class),
                rs.getString("system_code"), rs.getString("system_name"), rs.getInt("version_no"),
                rs.getString("regime"), rs.getInt("proposed_level"), (Integer) rs.getObject("determined_level"),
                rules == null ? List.of() : json.readValue(rules, RULES), rs.getString("justification"),
                DossierState.valueOf(rs.getString("state")), agency(rs, "owner_id"), agency(rs, "operator_id"),
                agency(rs, "opinion_agency_id"), agency(rs, "appraiser_id"), agency(rs, "approver_id"),
                rs.getString("procedure_basis"), instant(rs, "opinion_given_at"), rs.getString("appraisal_reference"),
                instant(rs, "appraised_at"), instant(rs, "plan_approved_at"), rs.getString("pm_list_reference"),
                instant(rs, "pm_list_recorded_at"), instant(rs, "approved_at"),
                rs.getObject("decision_file_id", UUID.class), rs.getString("decision_sha256"),
                rs.getString("decision_signer"), rs.getObject("superseded_by", UUID.class),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getInt("version"));
    }

    static AgencyId agency(ResultSet rs, String column) throws SQLException {
        UUID id = rs.getObject(column, UUID.class);
        return id == null ? null : AgencyId.of(id);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static UUID id(AgencyId a) {
        return a == null ? null : a.value();
    }

    Optional<Dossier> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dossier d WHERE d.id = :id").param("id", id).query(this::map)
                .optional();
    }

    Optional<Dossier> findForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dossier d WHERE d.id = :id FOR UPDATE").param("id", id)
                .query(this::map).optional();
    }

    Optional<Dossier> findReadable(UUID id, Collection<AgencyId> roots) {
        if (roots.isEmpty()) return Optional.empty();
        return jdbc.sql("SELECT " + COLUMNS + " FROM dossier d WHERE d.id = :id AND " + READABLE)
                .param("id", id).param("scopeRoots", roots(roots)).query(this::map).optional();
    }

    /** Every version for a system, newest first (Art 18: the history is kept). */
    List<Dossier> versions(UUID systemId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dossier d WHERE d.system_id = :s ORDER BY d.version_no DESC")
                .param("s", systemId).query(this::map).list();
    }

    int nextVersion(UUID systemId) {
        return jdbc.sql("SELECT COALESCE(MAX(version_no), 0) + 1 FROM dossier WHERE system_id = :s")
                .param("s", systemId).query(Integer.class).single();
    }

    boolean hasOpen(UUID systemId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM dossier WHERE system_id = :s AND state NOT IN "
                        + "('APPROVED', 'REJECTED', 'SUPERSEDED'))")
                .param("s", systemId).query(Boolean.class).single();
    }

    /** Keyset page, newest first; {@code after} is the last id of the previous page. */
    List<Dossier> list(Collection<AgencyId> roots, UUID systemId, DossierState state, UUID after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dossier d WHERE " + READABLE);
        if (systemId != null) sql.append(" AND d.system_id = :system");
        if (state != null) sql.append(" AND d.state = :state");
        if (after != null) sql.append(" AND (d.created_at, d.id) < (SELECT created_at, id FROM dossier WHERE id = :after)");
        sql.append(" ORDER BY d.created_at DESC, d.id DESC LIMIT :limit");
        var st = jdbc.sql(sql.toString()).param("scopeRoots", roots(roots)).param("limit", limit);
        if (systemId != null) st = st.param("system", systemId);
        if (state != null) st = st.param("state", state.name());
        if (after != null) st = st.param("after", after);
        return st.query(this::map).list();
    }

    void insert(Dossier d, UUID createdBy, boolean demo) {
        jdbc.sql("""
                        INSERT INTO dossier (id, system_id, system_code, system_name, version_no, regime, proposed_level,
                                             determined_level, matched_rules, justification, state, owner_id, operator_id,
                                             created_by, created_at, updated_at, demo)
                        VALUES (:id, :system, :code, :name, :v, :regime, :level, :determined, :rules::jsonb, :just,
                                :state, :owner, :operator, :by, :at, :at, :demo)""")
                .param("id", d.id()).param("system", d.systemId()).param("code", d.systemCode())
                .param("name", d.systemName()).param("v", d.versionNo()).param("regime", d.regime())
                .param("level", d.proposedLevel()).param("determined", d.determinedLevel(), Types.INTEGER)
                .param("rules", json.writeValueAsString(d.matchedRules())).param("just", d.justification())
                .param("state", d.state().name()).param("owner", id(d.ownerId()))
                .param("operator", id(d.operatorId()), Types.OTHER).param("by", createdBy, Types.OTHER)
                .param("at", ts(d.createdAt())).param("demo", demo).update();
    }

    /** Writes the mutable columns of {@code d} (state, route, milestones, decision) and bumps the version. */
    void update(Dossier d) {
        jdbc.sql("""
                        UPDATE dossier SET state = :state, opinion_agency_id = :opinion, appraiser_id = :appraiser,
                               approver_id = :approver, procedure_basis = :basis, opinion_given_at = :opinionAt,
                               appraisal_reference = :appraisalRef, appraised_at = :appraisedAt,
                               plan_approved_at = :planAt, pm_list_reference = :pmRef, pm_list_recorded_at = :pmAt,
                               approved_at = :approvedAt, decision_file_id = :decision, decision_sha256 = :decisionSha,
                               decision_signer = :signer, superseded_by = :supersededBy, updated_at = :updated,
                               version = version + 1
                        WHERE id = :id""")
                .param("id", d.id()).param("state", d.state().name())
                .param("opinion", id(d.opinionAgencyId()), Types.OTHER)
                .param("appraiser", id(d.appraiserId()), Types.OTHER)
                .param("approver", id(d.approverId()), Types.OTHER)
                .param("basis", d.procedureBasis(), Types.VARCHAR)
                .param("opinionAt", ts(d.opinionGivenAt()), Types.TIMESTAMP)
                .param("appraisalRef", d.appraisalReference(), Types.VARCHAR)
                .param("appraisedAt", ts(d.appraisedAt()), Types.TIMESTAMP)
                .param("planAt", ts(d.planApprovedAt()), Types.TIMESTAMP)
                .param("pmRef", d.pmListReference(), Types.VARCHAR)
                .param("pmAt", ts(d.pmListRecordedAt()), Types.TIMESTAMP)
                .param("approvedAt", ts(d.approvedAt()), Types.TIMESTAMP)
                .param("decision", d.decisionFileId(), Types.OTHER)
                .param("decisionSha", d.decisionSha256(), Types.VARCHAR)
                .param("signer", d.decisionSigner(), Types.VARCHAR)
                .param("supersededBy", d.supersededBy(), Types.OTHER)
                .param("updated", Timestamp.from(Instant.now())).update();
    }

    // --- documents ---

    record DocumentRow(UUID id, UUID dossierId, DocumentType type, int versionNo, UUID fileId, String originalName,
                       String mediaType, long size, String sha256, String uploaderName, AgencyId agencyId,
                       Instant uploadedAt) {
    }

    private static DocumentRow mapDocument(ResultSet rs, int i) throws SQLException {
        return new DocumentRow(rs.getObject("id", UUID.class), rs.getObject("dossier_id", UUID.class),
                DocumentType.valueOf(rs.getString("type")), rs.getInt("version_no"),
                rs.getObject("file_id", UUID.class), rs.getString("original_name"), rs.getString("media_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("uploader_name"),
                agency(rs, "agency_id"), instant(rs, "uploaded_at"));
    }

    List<DocumentRow> documents(UUID dossierId) {
        return jdbc.sql("SELECT * FROM dossier_document WHERE dossier_id = :d ORDER BY type, version_no DESC")
                .param("d", dossierId).query(DossierStore::mapDocument).list();
    }

    Optional<DocumentRow> document(UUID dossierId, UUID documentId) {
        return jdbc.sql("SELECT * FROM dossier_document WHERE dossier_id = :d AND id = :id")
                .param("d", dossierId).param("id", documentId).query(DossierStore::mapDocument).optional();
    }

    /** The newest version of each document type. */
    Map<DocumentType, DocumentRow> latestDocuments(UUID dossierId) {
        Map<DocumentType, DocumentRow> latest = new java.util.EnumMap<>(DocumentType.class);
        for (DocumentRow r : documents(dossierId)) latest.putIfAbsent(r.type(), r);
        return latest;
    }

    void insertDocument(DocumentRow r, UUID uploadedBy) {
        jdbc.sql("""
                        INSERT INTO dossier_document (id, dossier_id, type, version_no, file_id, original_name,
                                                      media_type, size_bytes, sha256, uploaded_by, uploader_name,
                                                      agency_id, uploaded_at)
                        VALUES (:id, :d, :type, :v, :file, :name, :media, :size, :sha, :by, :byName, :agency, :at)""")
                .param("id", r.id()).param("d", r.dossierId()).param("type", r.type().name())
                .param("v", r.versionNo()).param("file", r.fileId()).param("name", r.originalName())
                .param("media", r.mediaType()).param("size", r.size()).param("sha", r.sha256())
                .param("by", uploadedBy, Types.OTHER).param("byName", r.uploaderName())
                .param("agency", id(r.agencyId()), Types.OTHER).param("at", ts(r.uploadedAt())).update();
    }

    int nextDocumentVersion(UUID dossierId, DocumentType type) {
        return jdbc.sql("SELECT COALESCE(MAX(version_no), 0) + 1 FROM dossier_document WHERE dossier_id = :d AND type = :t")
                .param("d", dossierId).param("t", type.name()).query(Integer.class).single();
    }

    // --- steps ---

    record StepRow(UUID id, UUID dossierId, StepKind kind, AgencyId agencyId, Instant startedAt, Instant dueAt,
                   Instant satisfiedAt, Instant overdueFlaggedAt, String legalBasis) {
        boolean overdue(Instant now) {
            Instant end = satisfiedAt == null ? now : satisfiedAt;
            return dueAt != null && end.isAfter(dueAt);
        }
    }

    private static StepRow mapStep(ResultSet rs, int i) throws SQLException {
        return new StepRow(rs.getObject("id", UUID.class), rs.getObject("dossier_id", UUID.class),
                StepKind.valueOf(rs.getString("kind")), agency(rs, "agency_id"), instant(rs, "started_at"),
                instant(rs, "due_at"), instant(rs, "satisfied_at"), instant(rs, "overdue_flagged_at"),
                rs.getString("legal_basis"));
    }

    List<StepRow> steps(UUID dossierId) {
        return jdbc.sql("SELECT * FROM dossier_step WHERE dossier_id = :d ORDER BY started_at, kind")
                .param("d", dossierId).query(DossierStore::mapStep).list();
    }

    void insertStep(StepRow s) {
        jdbc.sql("""
                        INSERT INTO dossier_step (id, dossier_id, kind, agency_id, started_at, due_at, legal_basis)
                        VALUES (:id, :d, :kind, :agency, :start, :due, :basis)""")
                .param("id", s.id()).param("d", s.dossierId()).param("kind", s.kind().name())
                .param("agency", id(s.agencyId())).param("start", ts(s.startedAt()))
                .param("due", ts(s.dueAt()), Types.TIMESTAMP).param("basis", s.legalBasis()).update();
    }

    void satisfySteps(UUID dossierId, Set<StepKind> kinds, Instant at) {
        if (kinds.isEmpty()) return;
        jdbc.sql("UPDATE dossier_step SET satisfied_at = :at WHERE dossier_id = :d AND satisfied_at IS NULL "
                        + "AND kind = ANY(:kinds)")
                .param("at", ts(at)).param("d", dossierId)
                .param("kinds", new SqlArrayValue("varchar", kinds.stream().map(Enum::name).toArray())).update();
    }

    // --- timeline ---

    record EventRow(long seq, UUID dossierId, Instant occurredAt, String action, DossierState fromState,
                    DossierState toState, String actorName, AgencyId actorAgencyId, String comment, String reference,
                    List<Map<String, Object>> documents, String rule) {
    }

    private static final TypeReference<List<Map<String, Object>>> DOCS = new TypeReference<>() {
    };

    List<EventRow> events(UUID dossierId) {
        return jdbc.sql("SELECT *, documents::text AS docs FROM dossier_event WHERE dossier_id = :d ORDER BY seq")
                .param("d", dossierId)
                .query((rs, i) -> new EventRow(rs.getLong("seq"), rs.getObject("dossier_id", UUID.class),
                        instant(rs, "occurred_at"), rs.getString("action"),
                        rs.getString("from_state") == null ? null : DossierState.valueOf(rs.getString("from_state")),
                        DossierState.valueOf(rs.getString("to_state")), rs.getString("actor_name"),
                        agency(rs, "actor_agency_id"), rs.getString("comment"), rs.getString("reference"),
                        json.readValue(rs.getString("docs"), DOCS), rs.getString("rule")))
                .list();
    }

    void insertEvent(UUID dossierId, Instant at, String action, DossierState from, DossierState to, UUID actorId,
                     String actorName, AgencyId actorAgency, String comment, String reference,
                     List<Map<String, Object>> documents, String rule) {
        jdbc.sql("""
                        INSERT INTO dossier_event (dossier_id, occurred_at, action, from_state, to_state, actor_user_id,
                                                   actor_name, actor_agency_id, comment, reference, documents, rule)
                        VALUES (:d, :at, :action, :from, :to, :actor, :actorName, :agency, :comment, :ref,
                                :docs::jsonb, :rule)""")
                .param("d", dossierId).param("at", ts(at)).param("action", action)
                .param("from", from == null ? null : from.name(), Types.VARCHAR).param("to", to.name())
                .param("actor", actorId, Types.OTHER).param("actorName", actorName)
                .param("agency", id(actorAgency), Types.OTHER).param("comment", comment, Types.VARCHAR)
                .param("ref", reference, Types.VARCHAR).param("docs", json.writeValueAsString(documents))
                .param("rule", rule).update();
    }
}
