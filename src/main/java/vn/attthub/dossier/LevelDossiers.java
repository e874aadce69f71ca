package vn.attthub.dossier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.document.MediaTypes;
import vn.attthub.document.StoredFile;
import vn.attthub.document.StoredFiles;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.organisation.AgencyRoleKind;
import vn.attthub.organisation.AgencyRoles;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.regime.DossierProcedure;
import vn.attthub.regime.DossierProcedures;
import vn.attthub.regime.LevelDetermination;
import vn.attthub.regime.LevelRules;
import vn.attthub.regime.WorkingCalendar;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Changes to level dossiers: open a dossier (or a new version, Art 18), upload its documents (Art 15), and move it
 * through the procedure of Art 12, 14, 16 and 17 ({@link DossierWorkflow}). Every change writes the dossier's
 * timeline and the audit trail in the same transaction; approval also signs the decision, records the system's level
 * and publishes {@link LevelApproved}.
 */
@Component
public class LevelDossiers {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Upload limit of one dossier document. */
    static final long MAX_DOCUMENT_BYTES = 20L * 1024 * 1024;
    static final Set<String> DOCUMENT_TYPES = Set.of(MediaTypes.PDF, MediaTypes.DOCX);

    private final DossierStore store;
    private final DossierAccess access;
    private final InformationSystems systems;
    private final LevelRules rules;
    private final DossierProcedures procedures;
    private final WorkingCalendar calendar;
    private final AgencyRoles roles;
    private final StoredFiles files;
    private final DecisionDocuments decisions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    LevelDossiers(DossierStore store, DossierAccess access, InformationSystems systems, LevelRules rules,
                  DossierProcedures procedures, WorkingCalendar calendar, AgencyRoles roles, StoredFiles files,
                  DecisionDocuments decisions, AuditLog audit, ApplicationEventPublisher events) {
        this.store = store;
        this.access = access;
        this.systems = systems;
        this.rules = rules;
        this.procedures = procedures;
        this.calendar = calendar;
        this.roles = roles;
        this.files = files;
        this.decisions = decisions;
        this.audit = audit;
        this.events = events;
    }

    /** Who acts, as stored on the timeline. */
    record Actor(UUID userId, String name, AgencyId agency) {
        static Actor of(CurrentUser user) {
            return new Actor(user.id().value(), user.fullName() == null ? user.username() : user.fullName(),
                    user.agency());
        }
    }

    /**
     * Opens a dossier for {@code systemId}. The proposed level defaults to the level the regime determines from the
     * system's level inputs; a justification is required when the rules give none (D3) or another level is proposed
     * (written against Law 86/2015 Art 21).
     */
    @Transactional
    public Dossier create(CurrentUser user, UUID systemId, Integer proposedLevel, String justification) {
        if (systemId == null) throw InvalidInputException.field("systemId", "Chọn hệ thống (systemId is required).");
        SystemSummary system = systems.find(systemId).orElseThrow(() -> new NotFoundException("system", systemId));
        if (!access.canPrepare(user, system.ownerId(), system.operatorId())) {
            throw new NotFoundException("system", systemId);
        }
        return open(system, proposedLevel, justification, Actor.of(user), Instant.now(), false);
    }

    Dossier open(SystemSummary system, Integer proposedLevel, String justification, Actor actor, Instant now,
                 boolean demo) {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        LevelDetermination determined = system.levelInputs() == null || system.levelInputs().systemType() == null
                ? new LevelDetermination(null, rules.regimeOn(today), List.of(), true)
                : rules.determine(system.levelInputs(), today);
        Integer level = proposedLevel != null ? proposedLevel : determined.level();
        String text = justification == null || justification.isBlank() ? null : justification.strip();
        List<FieldError> errors = new ArrayList<>();
        if (level == null) {
            errors.add(new FieldError("proposedLevel", "Các tiêu chí không xác định được cấp độ: hãy đề xuất cấp độ 1-5 "
                    + "kèm thuyết minh (no criterion matched; propose a level with a justification, D3)."));
        } else if (level < 1 || level > 5) {
            errors.add(new FieldError("proposedLevel", "Cấp độ phải từ 1 đến 5 (level must be 1-5)."));
        }
        boolean differs = determined.level() == null || !determined.level().equals(level);
        if (differs && text == null) {
            errors.add(new FieldError("justification", "Cần thuyết minh bằng văn bản về mức độ tổn hại theo Điều 21 "
                    + "Luật An toàn thông tin mạng khi cấp độ đề xuất khác cấp độ xác định theo tiêu chí"
                    + (determined.level() == null ? " (tiêu chí không xác định được cấp độ)" : " (cấp độ "
                    + determined.level() + ")") + " (a written justification against Law 86/2015 Art 21 is required)."));
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Dữ liệu không hợp lệ (invalid input).", errors);
        if (store.hasOpen(system.id())) {
            throw new ConflictException("Hệ thống " + system.code() + " đã có hồ sơ đề xuất cấp độ đang xử lý; hoàn tất "
                    + "hồ sơ đó trước khi lập phiên bản mới (a dossier is already in progress for this system).");
        }
        int version = store.nextVersion(system.id());
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Dossier d = new Dossier(UUID.randomUUID(), system.id(), system.code(), system.name(), version,
                determined.regime(), level, determined.level(), determined.matched(), text, DossierState.DRAFT,
                system.ownerId(), system.operatorId(), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, at, at, 0);
        store.insert(d, actor.userId(), demo);
        String rule = version > 1 ? "ND85 Art 18 (xác định lại cấp độ), 14.1.a, 15" : "ND85 Art 14.1.a, 15";
        store.insertEvent(d.id(), at, "CREATE", null, DossierState.DRAFT, actor.userId(), actor.name(),
                actor.agency(), text, null, List.of(), rule + " [" + d.regime() + "]");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("system", system.code());
        details.put("version", version);
        details.put("proposedLevel", level);
        details.put("determinedLevel", determined.level());
        details.put("matched", determined.matched().stream().map(m -> m.article()).toList());
        record(actor, AuditEntry.success("dossier.created", "dossier", d.id(), d.ownerId(), details));
        return store.find(d.id()).orElseThrow();
    }

    /** Stores one document version (PDF or DOCX, at most 20 MB) with its SHA-256 (Art 15, D6). */
    @Transactional
    public StoreDocument upload(CurrentUser user, UUID dossierId, String typeName, InputStream content,
                                String originalName, String mediaType) {
        Dossier d = access.readable(dossierId, user);
        DocumentType type = parseType(typeName, d);
        Set<Side> sides = access.sides(user, d);
        boolean opinion = type == DocumentType.PROFESSIONAL_OPINION;
        boolean stateOk = opinion ? d.state() == DossierState.AWAITING_PROFESSIONAL_OPINION
                : d.state() == DossierState.DRAFT || d.state() == DossierState.RETURNED_INCOMPLETE;
        if (!stateOk) {
            throw new ConflictException("Không thể tải lên " + type + " khi hồ sơ ở trạng thái " + d.state()
                    + (opinion ? "; ý kiến chuyên môn được nộp khi hồ sơ chờ ý kiến (Điều 14.1.d)"
                    : "; tài liệu chỉ sửa được khi hồ sơ là bản nháp hoặc bị trả lại") + " (document cannot change now).");
        }
        Side needed = opinion ? Side.SECURITY_UNIT : Side.PREPARER;
        if (!sides.contains(needed)) throw new org.springframework.security.access.AccessDeniedException(needed.name());
        StoredFile stored = files.store(content, originalName, mediaType, DOCUMENT_TYPES, MAX_DOCUMENT_BYTES);
        Actor actor = Actor.of(user);
        return addDocument(d, type, stored, actor, Instant.now());
    }

    /** The result of an upload. */
    public record StoreDocument(UUID id, DocumentType type, int version, String originalName, String mediaType,
                                long size, String sha256, Instant uploadedAt) {
    }

    StoreDocument addDocument(Dossier d, DocumentType type, StoredFile stored, Actor actor, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        int version = store.nextDocumentVersion(d.id(), type);
        var row = new DossierStore.DocumentRow(UUID.randomUUID(), d.id(), type, version, stored.id(),
                stored.originalName(), stored.mediaType(), stored.size(), stored.sha256(), actor.name(),
                actor.agency(), at);
        store.insertDocument(row, actor.userId());
        store.insertEvent(d.id(), at, "UPLOAD_" + type.name(), d.state(), d.state(), actor.userId(), actor.name(),
                actor.agency(), null, null, List.of(snapshot(row)), type.article());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", type.name());
        details.put("version", version);
        details.put("name", stored.originalName());
        details.put("sha256", stored.sha256());
        details.put("size", stored.size());
        record(actor, AuditEntry.success("dossier.document-uploaded", "dossier", d.id(), d.ownerId(), details));
        return new StoreDocument(row.id(), type, version, row.originalName(), row.mediaType(), row.size(),
                row.sha256(), at);
    }

    private static DocumentType parseType(String typeName, Dossier d) {
        DocumentType type;
        try {
            type = DocumentType.valueOf(typeName == null ? "" : typeName.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("type", "Loại tài liệu không hợp lệ; một trong "
                    + java.util.Arrays.toString(DocumentType.values()) + " (invalid document type).");
        }
        if (type == DocumentType.PROFESSIONAL_OPINION && d.proposedLevel() < 4) {
            throw InvalidInputException.field("type", "Ý kiến chuyên môn chỉ thuộc hồ sơ cấp độ 4, 5 (Điều 15.5) "
                    + "(a professional opinion belongs to level 4-5 dossiers only).");
        }
        return type;
    }

    static Map<String, Object> snapshot(DossierStore.DocumentRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", r.type().name());
        m.put("version", r.versionNo());
        m.put("name", r.originalName());
        m.put("sha256", r.sha256());
        return m;
    }

    DossierProcedure procedure(Dossier d) {
        return procedures.forLevel(d.proposedLevel(), LocalDate.ofInstant(d.createdAt(), ZONE));
    }

    DossierWorkflow.Facts facts(Dossier d, DossierProcedure p) {
        boolean appraiserIsApprover = d.routed() ? d.appraiserId().equals(d.approverId())
                : p.appraiser() == p.approver();
        return new DossierWorkflow.Facts(d.state(), d.proposedLevel(), p.professionalOpinionRequired(),
                d.opinionGivenAt() != null, appraiserIsApprover, p.primeMinisterList(), d.planApprovedAt() != null,
                d.pmListRecordedAt() != null);
    }

    /** The actions the caller may take now (for the pages and the detail answer). */
    List<DossierWorkflow.Option> optionsFor(CurrentUser user, Dossier d) {
        Set<Side> sides = access.sides(user, d);
        return DossierWorkflow.options(facts(d, procedure(d))).stream().filter(o -> sides.contains(o.side())).toList();
    }

    /** The action is not possible in the dossier's state: 409 naming what is. */
    public static final class ActionNotAllowed extends RuntimeException {
        private final List<String> allowed;
        private final String state;

        ActionNotAllowed(DossierWorkflow.NotAllowed e) {
            super(e.getMessage());
            this.allowed = e.allowed.stream().map(o -> o.action().name()).toList();
            this.state = e.state.name();
        }

        public List<String> allowed() {
            return allowed;
        }

        public String state() {
            return state;
        }
    }

    /** Takes {@code action} on the dossier as {@code user}. */
    @Transactional
    public Dossier transition(CurrentUser user, UUID dossierId, String actionName, String comment, String reference) {
        access.readable(dossierId, user);
        DossierAction action;
        try {
            action = DossierAction.valueOf(actionName == null ? "" : actionName.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("action", "Thao tác không hợp lệ; một trong "
                    + java.util.Arrays.toString(DossierAction.values()) + " (invalid action).");
        }
        Dossier d = store.findForUpdate(dossierId).orElseThrow(() -> new NotFoundException("dossier", dossierId));
        Set<Side> sides = access.sides(user, d);
        return take(d, action, sides, comment, reference, Actor.of(user), Instant.now());
    }

    Dossier take(Dossier d, DossierAction action, Set<Side> sides, String comment, String reference, Actor actor,
                 Instant now) {
        DossierProcedure p = procedure(d);
        DossierWorkflow.Transition t;
        try {
            t = DossierWorkflow.apply(facts(d, p), action);
        } catch (DossierWorkflow.NotAllowed e) {
            throw new ActionNotAllowed(e);
        }
        if (!sides.contains(t.side())) {
            throw new org.springframework.security.access.AccessDeniedException("dossier action " + action);
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        String ref = reference == null || reference.isBlank() ? null : reference.strip();
        checkPreconditions(d, action, text, ref);
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Dossier next = d;
        if (!d.routed() && action == DossierAction.SUBMIT) {
            next = route(d, p, LocalDate.ofInstant(at, ZONE));
        }
        next = withMilestones(next, t, at, ref);
        store.satisfySteps(d.id(), t.closes(), at);
        for (StepKind kind : t.opens()) {
            AgencyId agency = switch (kind) {
                case PROFESSIONAL_OPINION -> next.opinionAgencyId();
                case COMPLETENESS_CHECK, APPRAISAL, PRIME_MINISTER_LIST -> next.appraiserId();
                case APPROVAL -> next.approverId();
            };
            store.insertStep(new DossierStore.StepRow(UUID.randomUUID(), d.id(), kind, agency, at,
                    DossierDeadlines.dueAt(kind, p, at, calendar), null, null,
                    DossierDeadlines.basis(kind, d.proposedLevel())));
        }
        List<Map<String, Object>> docs = store.latestDocuments(d.id()).values().stream()
                .map(LevelDossiers::snapshot).toList();
        store.insertEvent(d.id(), at, action.name(), d.state(), t.to(), actor.userId(), actor.name(), actor.agency(),
                text, ref, docs, t.rule() + " [" + d.regime() + "]");
        if (t.to() == DossierState.APPROVED) {
            next = approve(next, p, actor, at);
        }
        store.update(next);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("system", d.systemCode());
        details.put("level", d.proposedLevel());
        details.put("state", AuditEntry.change(d.state().name(), next.state().name()));
        details.put("rule", t.rule());
        if (ref != null) details.put("reference", ref);
        record(actor, AuditEntry.success("dossier." + action.name().toLowerCase().replace('_', '-'), "dossier",
                d.id(), d.ownerId(), details));
        return store.find(d.id()).orElseThrow();
    }

    private void checkPreconditions(Dossier d, DossierAction action, String comment, String reference) {
        switch (action) {
            case SUBMIT -> {
                Map<DocumentType, ?> present = store.latestDocuments(d.id());
                List<DocumentType> needed = new ArrayList<>(DocumentType.preparedByOperator());
                if (d.opinionGivenAt() != null) needed.add(DocumentType.PROFESSIONAL_OPINION);
                List<DocumentType> missing = needed.stream().filter(t -> !present.containsKey(t)).toList();
                if (!missing.isEmpty()) {
                    List<FieldError> errors = missing.stream().map(t -> new FieldError("documents." + t.name(),
                            "Thiếu tài liệu " + t.name() + " (" + t.article() + ")")).toList();
                    throw new InvalidInputException(422, "Hồ sơ chưa đủ tài liệu theo Điều 15 Nghị định 85/2016/NĐ-CP, "
                            + "còn thiếu: " + missing + " (required documents are missing).", errors);
                }
            }
            case GIVE_OPINION -> {
                if (!store.latestDocuments(d.id()).containsKey(DocumentType.PROFESSIONAL_OPINION)) {
                    throw new InvalidInputException(422, "Hãy tải lên văn bản ý kiến chuyên môn (PROFESSIONAL_OPINION, "
                            + "Điều 15.5) trước (upload the professional opinion first).",
                            List.of(new FieldError("documents.PROFESSIONAL_OPINION", "Thiếu tài liệu PROFESSIONAL_OPINION")));
                }
            }
            case RETURN_INCOMPLETE, REJECT -> {
                if (comment == null) throw InvalidInputException.field("comment",
                        "Hãy nêu lý do (TT03 Điều 14.3: thông báo bằng văn bản để bổ sung, hoàn thiện) (a reason is required).");
            }
            case APPRAISE -> {
                if (comment == null) throw InvalidInputException.field("comment",
                        "Hãy ghi ý kiến thẩm định (Điều 16.1) (the appraisal opinion is required).");
            }
            case RECORD_PM_LIST -> {
                if (reference == null) throw InvalidInputException.field("reference",
                        "Hãy ghi số, ngày quyết định của Thủ tướng Chính phủ (Điều 12.3.đ) (the decision reference is required).");
            }
            default -> {
            }
        }
    }

    private Dossier route(Dossier d, DossierProcedure p, LocalDate day) {
        AuthorityRouting.Route r;
        try {
            r = AuthorityRouting.route(p, d.ownerId(), day, new AuthorityRouting.Registry() {
                public Optional<AgencyId> securityUnitOf(AgencyId owner, LocalDate on) {
                    return roles.nearestHolderFor(AgencyRoleKind.SECURITY_UNIT, owner, on).map(AgencySummary::id);
                }

                public Optional<AgencyId> appraisalAuthorityFor(AgencyId owner, LocalDate on) {
                    return roles.nearestHolderFor(AgencyRoleKind.NATIONAL_APPRAISAL_AUTHORITY, owner, on)
                            .or(() -> roles.holderOf(AgencyRoleKind.NATIONAL_APPRAISAL_AUTHORITY, null, on))
                            .map(AgencySummary::id);
                }
            });
        } catch (AuthorityRouting.Unroutable e) {
            throw new ConflictException(e.getMessage());
        }
        return new Dossier(d.id(), d.systemId(), d.systemCode(), d.systemName(), d.versionNo(), d.regime(),
                d.proposedLevel(), d.determinedLevel(), d.matchedRules(), d.justification(), d.state(), d.ownerId(),
                d.operatorId(), r.opinionGiver(), r.appraiser(), r.approver(), r.legalBasis(), d.opinionGivenAt(),
                d.appraisalReference(), d.appraisedAt(), d.planApprovedAt(), d.pmListReference(),
                d.pmListRecordedAt(), d.approvedAt(), d.decisionFileId(), d.decisionSha256(), d.decisionSigner(),
                d.supersededBy(), d.createdAt(), d.updatedAt(), d.version());
    }

    private static Dossier withMilestones(Dossier d, DossierWorkflow.Transition t, Instant at, String ref) {
        Instant opinion = d.opinionGivenAt(), appraised = d.appraisedAt(), plan = d.planApprovedAt(),
                pm = d.pmListRecordedAt(), approved = d.approvedAt();
        String appraisalRef = d.appraisalReference(), pmRef = d.pmListReference();
        switch (t.action()) {
            case GIVE_OPINION -> opinion = at;
            case APPRAISE -> {
                appraised = at;
                appraisalRef = ref;
            }
            case APPROVE -> plan = at;
            case RECORD_PM_LIST -> {
                pm = at;
                pmRef = ref;
            }
            default -> {
            }
        }
        if (t.to() == DossierState.APPROVED) approved = at;
        return new Dossier(d.id(), d.systemId(), d.systemCode(), d.systemName(), d.versionNo(), d.regime(),
                d.proposedLevel(), d.determinedLevel(), d.matchedRules(), d.justification(), t.to(), d.ownerId(),
                d.operatorId(), d.opinionAgencyId(), d.appraiserId(), d.approverId(), d.procedureBasis(), opinion,
                appraisalRef, appraised, plan, pmRef, pm, approved, d.decisionFileId(), d.decisionSha256(),
                d.decisionSigner(), d.supersededBy(), d.createdAt(), d.updatedAt(), d.version());
    }

    /**
     * Approval (Art 12, 14.3, 17): the signed decision, the previous approved version superseded (Art 18), the
     * system's level recorded and {@link LevelApproved} published, all in the caller's transaction.
     */
    private Dossier approve(Dossier d, DossierProcedure p, Actor actor, Instant at) {
        Integer previousLevel = systems.find(d.systemId()).map(SystemSummary::approvedLevel).orElse(null);
        var decision = decisions.issue(d, at);
        Dossier approved = new Dossier(d.id(), d.systemId(), d.systemCode(), d.systemName(), d.versionNo(), d.regime(),
                d.proposedLevel(), d.determinedLevel(), d.matchedRules(), d.justification(), d.state(), d.ownerId(),
                d.operatorId(), d.opinionAgencyId(), d.appraiserId(), d.approverId(), d.procedureBasis(),
                d.opinionGivenAt(), d.appraisalReference(), d.appraisedAt(), d.planApprovedAt(), d.pmListReference(),
                d.pmListRecordedAt(), at, decision.fileId(), decision.sha256(), decision.signerSubject(),
                d.supersededBy(), d.createdAt(), d.updatedAt(), d.version());
        store.insertEvent(d.id(), at, "DECISION_SIGNED", DossierState.APPROVED, DossierState.APPROVED, actor.userId(),
                actor.name(), actor.agency(), decision.signerSubject(), null,
                List.of(Map.of("type", "DECISION", "name", decision.name(), "sha256", decision.sha256())),
                "ND85 Art 17; " + p.legalBasis());
        if (d.approverId() != null && !d.approverId().equals(d.ownerId())
                && p.approver() == vn.attthub.regime.AuthorityKind.OWNER_SECURITY_UNIT) {
            store.insertEvent(d.id(), at, "OWNER_INFORMED", DossierState.APPROVED, DossierState.APPROVED,
                    actor.userId(), actor.name(), actor.agency(), "Báo cáo chủ quản hệ thống thông tin", null,
                    List.of(), "ND85 Art 14.3.a");
        }
        for (Dossier older : store.versions(d.systemId())) {
            if (!older.id().equals(d.id()) && older.state() == DossierState.APPROVED) {
                Dossier superseded = new Dossier(older.id(), older.systemId(), older.systemCode(), older.systemName(),
                        older.versionNo(), older.regime(), older.proposedLevel(), older.determinedLevel(),
                        older.matchedRules(), older.justification(), DossierState.SUPERSEDED, older.ownerId(),
                        older.operatorId(), older.opinionAgencyId(), older.appraiserId(), older.approverId(),
                        older.procedureBasis(), older.opinionGivenAt(), older.appraisalReference(), older.appraisedAt(),
                        older.planApprovedAt(), older.pmListReference(), older.pmListRecordedAt(), older.approvedAt(),
                        older.decisionFileId(), older.decisionSha256(), older.decisionSigner(), d.id(),
                        older.createdAt(), older.updatedAt(), older.version());
                store.update(superseded);
                store.insertEvent(older.id(), at, "SUPERSEDE", DossierState.APPROVED, DossierState.SUPERSEDED,
                        actor.userId(), actor.name(), actor.agency(), "Thay thế bởi hồ sơ phiên bản " + d.versionNo(),
                        null, List.of(), "ND85 Art 18");
            }
        }
        systems.recordApprovedLevel(d.systemId(), d.proposedLevel(), d.id(), at);
        events.publishEvent(new LevelApproved(d.systemId(), d.ownerId(), d.proposedLevel(), previousLevel, d.id(), at));
        return approved;
    }

    private void record(Actor actor, AuditEntry entry) {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser) {
            audit.record(entry);
        } else {
            audit.recordFor(actor.userId(), actor.name(), entry);
        }
    }

}
