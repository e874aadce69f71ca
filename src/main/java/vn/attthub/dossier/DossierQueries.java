package vn.attthub.dossier;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.document.StoredFiles;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.regime.MatchedRule;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads of dossiers within the caller's scope: detail with steps, documents, timeline and the caller's actions. */
@Component
public class DossierQueries {
    private final DossierStore store;
    private final DossierAccess access;
    private final LevelDossiers dossiers;
    private final AgencyDirectory agencies;
    private final StoredFiles files;
    private final JdbcClient jdbc;
    private final DecisionDocuments decisions;

    DossierQueries(DossierStore store, DossierAccess access, LevelDossiers dossiers, AgencyDirectory agencies,
                   StoredFiles files, JdbcClient jdbc, DecisionDocuments decisions) {
        this.decisions = decisions;
        this.store = store;
        this.access = access;
        this.dossiers = dossiers;
        this.agencies = agencies;
        this.files = files;
        this.jdbc = jdbc;
    }

    public record AgencyRef(UUID id, String code, String name) {
    }

    public record StepView(String kind, AgencyRef agency, Instant startedAt, Instant dueAt, Instant satisfiedAt,
                           boolean overdue, String legalBasis) {
    }

    public record DocumentView(UUID id, String type, int version, String name, String mediaType, long size,
                               String sha256, String uploadedBy, Instant uploadedAt, boolean latest) {
    }

    public record EventView(long seq, Instant at, String action, String fromState, String toState, String actor,
                            AgencyRef actorAgency, String comment, String reference,
                            List<Map<String, Object>> documents, String rule) {
    }

    public record VersionView(UUID id, int version, String state, int proposedLevel, Instant createdAt,
                              Instant approvedAt) {
    }

    public record ActionView(String action, String side) {
    }

    public record DossierView(UUID id, UUID systemId, String systemCode, String systemName, int version,
                              String regime, String state, int proposedLevel, Integer determinedLevel,
                              List<MatchedRule> matched, String justification, AgencyRef owner, AgencyRef operator,
                              AgencyRef opinionGiver, AgencyRef appraiserAgency, AgencyRef approverAgency,
                              String procedureBasis,
                              String appraisalReference, String pmListReference, Instant approvedAt,
                              boolean decisionAvailable, String decisionSha256, String decisionSigner,
                              List<String> requiredDocuments, List<String> missingDocuments, List<StepView> steps,
                              List<DocumentView> documents, List<EventView> timeline, List<VersionView> versions,
                              List<ActionView> actions, Instant createdAt, Instant updatedAt, int rowVersion) {
        public boolean overdue() {
            return steps.stream().anyMatch(s -> s.overdue() && s.satisfiedAt() == null);
        }

        /** The appraising agency's id (issue 3 §3: the API names the appraiser and approver by agency id). */
        @JsonProperty("appraiser")
        public UUID appraiser() {
            return appraiserAgency == null ? null : appraiserAgency.id();
        }

        /** The approving agency's id. */
        @JsonProperty("approver")
        public UUID approver() {
            return approverAgency == null ? null : approverAgency.id();
        }
    }

    /** A row of a list. */
    public record DossierItem(UUID id, UUID systemId, String systemCode, String systemName, int version, String state,
                              int proposedLevel, AgencyRef owner, AgencyRef appraiser, AgencyRef approver,
                              Instant createdAt, Instant updatedAt) {
    }

    public record Page(List<DossierItem> items, String next) {
    }

    @Transactional(readOnly = true)
    public DossierView detail(UUID id, CurrentUser user) {
        Dossier d = access.readable(id, user);
        return view(d, user, Instant.now());
    }

    DossierView view(Dossier d, CurrentUser user, Instant now) {
        Map<AgencyId, AgencyRef> names = new HashMap<>();
        var p = dossiers.procedure(d);
        List<DossierStore.DocumentRow> docs = store.documents(d.id());
        Set<DocumentType> present = new java.util.HashSet<>();
        List<DocumentView> documents = new ArrayList<>();
        for (DossierStore.DocumentRow r : docs) {
            boolean latest = present.add(r.type());
            documents.add(new DocumentView(r.id(), r.type().name(), r.versionNo(), r.originalName(), r.mediaType(),
                    r.size(), r.sha256(), r.uploaderName(), r.uploadedAt(), latest));
        }
        List<DocumentType> required = DocumentType.required(p.professionalOpinionRequired());
        List<StepView> steps = store.steps(d.id()).stream().map(s -> new StepView(s.kind().name(),
                ref(s.agencyId(), names), s.startedAt(), s.dueAt(), s.satisfiedAt(), s.overdue(now),
                s.legalBasis())).toList();
        List<EventView> timeline = store.events(d.id()).stream().map(e -> new EventView(e.seq(), e.occurredAt(),
                e.action(), e.fromState() == null ? null : e.fromState().name(), e.toState().name(), e.actorName(),
                ref(e.actorAgencyId(), names), e.comment(), e.reference(), e.documents(), e.rule())).toList();
        List<VersionView> versions = store.versions(d.systemId()).stream()
                .filter(v -> access.canSee(user, v))
                .map(v -> new VersionView(v.id(), v.versionNo(), v.state().name(), v.proposedLevel(), v.createdAt(),
                        v.approvedAt())).toList();
        List<ActionView> actions = dossiers.optionsFor(user, d).stream()
                .map(o -> new ActionView(o.action().name(), o.side().name())).toList();
        return new DossierView(d.id(), d.systemId(), d.systemCode(), d.systemName(), d.versionNo(), d.regime(),
                d.state().name(), d.proposedLevel(), d.determinedLevel(), d.matchedRules(), d.justification(),
                ref(d.ownerId(), names), ref(d.operatorId(), names), ref(d.opinionAgencyId(), names),
                ref(d.appraiserId(), names), ref(d.approverId(), names), d.procedureBasis() == null
                ? p.legalBasis() : d.procedureBasis(), d.appraisalReference(), d.pmListReference(), d.approvedAt(),
                d.decisionFileId() != null, d.decisionSha256(), d.decisionSigner(),
                required.stream().map(Enum::name).toList(),
                required.stream().filter(t -> !present.contains(t)).map(Enum::name).toList(), steps, documents,
                timeline, versions, actions, d.createdAt(), d.updatedAt(), d.version());
    }

    AgencyRef ref(AgencyId id, Map<AgencyId, AgencyRef> cache) {
        if (id == null) return null;
        return cache.computeIfAbsent(id, k -> agencies.find(k)
                .map(a -> new AgencyRef(a.id().value(), a.code(), a.nameVi()))
                .orElse(new AgencyRef(k.value(), null, null)));
    }

    @Transactional(readOnly = true)
    public Page list(CurrentUser user, UUID systemId, DossierState state, UUID after, Integer limit) {
        int n = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        Set<AgencyId> roots = user.scopeOf(Permission.DOSSIER_READ);
        if (roots.isEmpty()) return new Page(List.of(), null);
        List<Dossier> rows = store.list(roots, systemId, state, after, n + 1);
        Map<AgencyId, AgencyRef> names = new HashMap<>();
        List<DossierItem> items = rows.stream().limit(n).map(d -> item(d, names)).toList();
        return new Page(items, rows.size() > n ? items.get(n - 1).id().toString() : null);
    }

    DossierItem item(Dossier d, Map<AgencyId, AgencyRef> names) {
        return new DossierItem(d.id(), d.systemId(), d.systemCode(), d.systemName(), d.versionNo(), d.state().name(),
                d.proposedLevel(), ref(d.ownerId(), names), ref(d.appraiserId(), names), ref(d.approverId(), names),
                d.createdAt(), d.updatedAt());
    }

    /** "My work": a dossier whose open step (or draft) waits for an agency in my scope, overdue first. */
    public record WorkItem(DossierItem dossier, String step, Instant dueAt, boolean overdue, List<String> actions) {
    }

    @Transactional(readOnly = true)
    public List<WorkItem> myWork(CurrentUser user, int max) {
        Instant now = Instant.now();
        Set<AgencyId> roots = user.scopeOf(Permission.DOSSIER_READ);
        if (roots.isEmpty()) return List.of();
        List<Dossier> open = jdbc.sql("SELECT " + DossierStore.COLUMNS + " FROM dossier d WHERE "
                        + DossierStore.READABLE + " AND d.state NOT IN ('APPROVED', 'REJECTED', 'SUPERSEDED') "
                        + "ORDER BY d.updated_at DESC LIMIT 500")
                .param("scopeRoots", DossierStore.roots(roots)).query(store::map).list();
        Map<AgencyId, AgencyRef> names = new HashMap<>();
        List<WorkItem> items = new ArrayList<>();
        for (Dossier d : open) {
            List<String> actions = dossiers.optionsFor(user, d).stream().map(o -> o.action().name()).toList();
            if (actions.isEmpty()) continue;
            var step = store.steps(d.id()).stream().filter(s -> s.satisfiedAt() == null).findFirst().orElse(null);
            items.add(new WorkItem(item(d, names), step == null ? null : step.kind().name(),
                    step == null ? null : step.dueAt(), step != null && step.overdue(now), actions));
        }
        items.sort(Comparator.comparing((WorkItem w) -> !w.overdue())
                .thenComparing(w -> w.dueAt() == null ? Instant.MAX : w.dueAt()));
        return items.stream().limit(max).toList();
    }

    /** A dossier document's stored file, after the scope check. */
    @Transactional(readOnly = true)
    public UUID documentFile(UUID dossierId, UUID documentId, CurrentUser user) {
        access.readable(dossierId, user);
        return store.document(dossierId, documentId).map(DossierStore.DocumentRow::fileId)
                .orElseThrow(() -> new NotFoundException("dossier-document", documentId));
    }

    @Transactional(readOnly = true)
    public UUID decisionFile(UUID dossierId, CurrentUser user) {
        Dossier d = access.readable(dossierId, user);
        if (d.decisionFileId() == null) throw new NotFoundException("decision", dossierId);
        return d.decisionFileId();
    }

    /** The dossier summary PDF (Vietnamese), after the scope check. */
    @Transactional(readOnly = true)
    public byte[] summaryPdf(UUID id, CurrentUser user) {
        return decisions.summary(detail(id, user));
    }

    /** The attachment response of a stored file the caller was allowed to see. */
    public org.springframework.http.ResponseEntity<org.springframework.core.io.Resource> download(UUID fileId) {
        return files.asAttachment(fileId);
    }
}
