package vn.attthub.control;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.document.MediaTypes;
import vn.attthub.document.StoredFile;
import vn.attthub.document.StoredFiles;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.io.InputStream;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Evidence for baseline requirements: a stored file (through the document module: SHA-256, size and type checks) or
 * a link, valid from its effective date to its expiry date. One evidence item can back requirements of several
 * systems; when it expires, every requirement it backed alone becomes stale.
 */
@Component
public class EvidenceRegistry {
    /** What an evidence file may be: documents, images, and plain-text or CSV reports (e.g. scan results). */
    public static final Set<String> FILE_TYPES = Set.of(MediaTypes.PDF, MediaTypes.DOCX, MediaTypes.XLSX,
            MediaTypes.PNG, MediaTypes.JPEG, MediaTypes.TEXT, MediaTypes.CSV);
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private final JdbcClient jdbc;
    private final StoredFiles files;
    private final SystemAccess access;
    private final ComplianceCounters counters;
    private final AuditLog audit;

    EvidenceRegistry(JdbcClient jdbc, StoredFiles files, SystemAccess access, ComplianceCounters counters,
                     AuditLog audit) {
        this.jdbc = jdbc;
        this.files = files;
        this.access = access;
        this.counters = counters;
        this.audit = audit;
    }

    /** What the caller typed for a new evidence item and the first requirement it backs. */
    public record Draft(String title, String url, LocalDate effectiveOn, LocalDate expiresOn, UUID systemId,
                        String requirementId) {
    }

    public record Link(UUID systemId, String systemCode, String systemName, String requirementId, Instant linkedAt) {
    }

    public record Evidence(UUID id, AgencyId agencyId, String kind, String title, String url, UUID fileId,
                           String fileName, String mediaType, Long sizeBytes, String sha256, LocalDate effectiveOn,
                           LocalDate expiresOn, Instant createdAt, EvidenceValidity validity, List<Link> links) {
    }

    /** Stores a file as evidence for the draft's requirement. The system must be manageable by the caller. */
    @Transactional
    public Evidence createFile(InputStream content, String fileName, String declaredType, Draft draft,
                               CurrentUser user, LocalDate today) {
        SystemSummary system = validate(draft, false, user);
        StoredFile file = files.store(content, fileName, declaredType, FILE_TYPES, MAX_BYTES);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO control_evidence (id, agency_id, kind, title, file_id, file_name, media_type, size_bytes,
                                                      sha256, effective_on, expires_on, created_by)
                        VALUES (?, ?, 'FILE', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, system.ownerId().value(), draft.title().strip(), file.id(), file.originalName(),
                        file.mediaType(), file.size(), file.sha256(), draft.effectiveOn(), draft.expiresOn(),
                        user.id().value()).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("title", draft.title().strip());
        details.put("file", file.originalName());
        details.put("sha256", file.sha256());
        details.put("size", file.size());
        details.put("effectiveOn", String.valueOf(draft.effectiveOn()));
        details.put("expiresOn", String.valueOf(draft.expiresOn()));
        audit.record(AuditEntry.success("control.evidence-created", "control-evidence", id, system.ownerId(), details));
        addLink(id, system, draft.requirementId(), user);
        return get(id, today);
    }

    @Transactional
    public Evidence createLink(Draft draft, CurrentUser user, LocalDate today) {
        SystemSummary system = validate(draft, true, user);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO control_evidence (id, agency_id, kind, title, url, effective_on, expires_on, created_by)
                        VALUES (?, ?, 'LINK', ?, ?, ?, ?, ?)""")
                .params(id, system.ownerId().value(), draft.title().strip(), draft.url().strip(), draft.effectiveOn(),
                        draft.expiresOn(), user.id().value()).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("title", draft.title().strip());
        details.put("url", draft.url().strip());
        details.put("effectiveOn", String.valueOf(draft.effectiveOn()));
        details.put("expiresOn", String.valueOf(draft.expiresOn()));
        audit.record(AuditEntry.success("control.evidence-created", "control-evidence", id, system.ownerId(), details));
        addLink(id, system, draft.requirementId(), user);
        return get(id, today);
    }

    /** Lets an existing evidence item (visible to the caller) back another requirement of a manageable system. */
    @Transactional
    public Evidence link(UUID evidenceId, UUID systemId, String requirementId, CurrentUser user, LocalDate today) {
        Evidence e = readable(evidenceId, user, Permission.CONTROL_MANAGE, today);
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (systemId == null) errors.add(new InvalidInputException.FieldError("systemId", "Cần chọn hệ thống (system required)."));
        if (requirementId == null || requirementId.isBlank())
            errors.add(new InvalidInputException.FieldError("requirementId", "Cần chọn yêu cầu (requirement required)."));
        if (!errors.isEmpty()) throw new InvalidInputException("Dữ liệu không hợp lệ (invalid input).", errors);
        SystemSummary system = access.require(systemId, user, Permission.CONTROL_MANAGE);
        requireItem(systemId, requirementId);
        boolean exists = e.links().stream().anyMatch(l -> l.systemId().equals(systemId) && l.requirementId().equals(requirementId));
        if (exists) {
            throw new ConflictException("Minh chứng đã được gắn với yêu cầu này (evidence already linked to this requirement).");
        }
        addLink(evidenceId, system, requirementId, user);
        return get(evidenceId, today);
    }

    private void addLink(UUID evidenceId, SystemSummary system, String requirementId, CurrentUser user) {
        jdbc.sql("INSERT INTO control_evidence_link (evidence_id, system_id, requirement_id, linked_by) VALUES (?, ?, ?, ?)")
                .params(evidenceId, system.id(), requirementId, user.id().value()).update();
        counters.recompute(List.of(system.id()), ComplianceCounters.today());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("evidenceId", evidenceId);
        details.put("system", system.code());
        details.put("requirement", requirementId);
        audit.record(AuditEntry.success("control.evidence-linked", "control-baseline", system.id(), system.ownerId(), details));
    }

    private SystemSummary validate(Draft d, boolean link, CurrentUser user) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (d.systemId() == null) errors.add(new InvalidInputException.FieldError("systemId", "Cần chọn hệ thống (system required)."));
        if (d.requirementId() == null || d.requirementId().isBlank())
            errors.add(new InvalidInputException.FieldError("requirementId", "Cần chọn yêu cầu (requirement required)."));
        if (d.title() == null || d.title().isBlank())
            errors.add(new InvalidInputException.FieldError("title", "Cần tên minh chứng (title required)."));
        else if (d.title().length() > 300)
            errors.add(new InvalidInputException.FieldError("title", "Tối đa 300 ký tự (at most 300 characters)."));
        if (link) {
            String problem = urlProblem(d.url());
            if (problem != null) errors.add(new InvalidInputException.FieldError("url", problem));
        }
        if (d.effectiveOn() == null)
            errors.add(new InvalidInputException.FieldError("effectiveOn", "Cần ngày hiệu lực (effective date required)."));
        if (d.effectiveOn() != null && d.expiresOn() != null && d.expiresOn().isBefore(d.effectiveOn()))
            errors.add(new InvalidInputException.FieldError("expiresOn",
                    "Ngày hết hạn phải từ ngày hiệu lực trở đi (expiry must not be before the effective date)."));
        if (!errors.isEmpty()) {
            // An unknown or foreign system must still answer 404, whatever else is wrong.
            if (d.systemId() != null) access.require(d.systemId(), user, Permission.CONTROL_MANAGE);
            throw new InvalidInputException("Dữ liệu không hợp lệ (invalid input).", errors);
        }
        SystemSummary system = access.require(d.systemId(), user, Permission.CONTROL_MANAGE);
        requireItem(system.id(), d.requirementId());
        return system;
    }

    static String urlProblem(String url) {
        if (url == null || url.isBlank()) return "Cần đường dẫn (URL required).";
        if (url.length() > 2000) return "Đường dẫn quá dài (URL too long).";
        try {
            URI u = new URI(url.strip());
            if (!"https".equalsIgnoreCase(u.getScheme()) && !"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                return "Chỉ chấp nhận đường dẫn http(s) đầy đủ (only absolute http(s) URLs).";
            }
        } catch (Exception e) {
            return "Đường dẫn không hợp lệ (invalid URL).";
        }
        return null;
    }

    private void requireItem(UUID systemId, String requirementId) {
        Boolean required = jdbc.sql("SELECT required FROM control_baseline_item WHERE system_id = ? AND requirement_id = ?")
                .params(systemId, requirementId).query(Boolean.class).optional().orElse(null);
        if (required == null) {
            throw InvalidInputException.field("requirementId",
                    "Yêu cầu không có trong danh mục yêu cầu của hệ thống (requirement not in the system's baseline).");
        }
    }

    // ------------------------------------------------------------------ reads

    public Evidence get(UUID id, LocalDate today) {
        Evidence e = jdbc.sql("""
                        SELECT id, agency_id, kind, title, url, file_id, file_name, media_type, size_bytes, sha256, effective_on,
                               expires_on, created_at FROM control_evidence WHERE id = ?""").param(id)
                .query((rs, i) -> map(rs, today, List.of())).optional()
                .orElseThrow(() -> new NotFoundException("evidence", id));
        List<Link> links = jdbc.sql("""
                        SELECT l.system_id, b.system_code, b.system_name, l.requirement_id, l.linked_at
                        FROM control_evidence_link l JOIN control_baseline b ON b.system_id = l.system_id
                        WHERE l.evidence_id = ? ORDER BY l.linked_at""").param(id)
                .query((rs, i) -> new Link(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant())).list();
        return new Evidence(e.id(), e.agencyId(), e.kind(), e.title(), e.url(), e.fileId(), e.fileName(), e.mediaType(),
                e.sizeBytes(), e.sha256(), e.effectiveOn(), e.expiresOn(), e.createdAt(), e.validity(), links);
    }

    /** The evidence when the caller holds the permission over its agency or over any system it backs; else 404. */
    public Evidence readable(UUID id, CurrentUser user, Permission permission, LocalDate today) {
        Evidence e;
        try {
            e = get(id, today);
        } catch (NotFoundException missing) {
            throw missing;
        }
        if (access.agencyAllowed(e.agencyId(), user, permission)) return e;
        for (Link l : e.links()) {
            try {
                access.require(l.systemId(), user, permission);
                return e;
            } catch (NotFoundException ignored) {
                // try the next system
            }
        }
        throw new NotFoundException("evidence", id);
    }

    /** Evidence items of an agency subtree, newest first, for picking one to link again. */
    public List<Evidence> recentWithin(Set<AgencyId> roots, int limit, LocalDate today) {
        if (roots.isEmpty()) return List.of();
        return jdbc.sql("""
                        SELECT e.id, e.agency_id, e.kind, e.title, e.url, e.file_id, e.file_name, e.media_type, e.size_bytes,
                               e.sha256, e.effective_on, e.expires_on, e.created_at
                        FROM control_evidence e JOIN agency a ON a.id = e.agency_id
                        WHERE """ + " " + vn.attthub.organisation.AgencyTree.pathWithinRoots("a.path") + " " + """
                         ORDER BY e.created_at DESC LIMIT :limit""")
                .param("scopeRoots", roots.stream().map(AgencyId::value).toArray(UUID[]::new)).param("limit", limit)
                .query((rs, i) -> map(rs, today, List.of())).list();
    }

    public org.springframework.http.ResponseEntity<org.springframework.core.io.Resource> download(Evidence e) {
        if (e.fileId() == null) throw new NotFoundException("evidence file", e.id());
        return files.asAttachment(e.fileId());
    }

    private static Evidence map(ResultSet rs, LocalDate today, List<Link> links) throws SQLException {
        LocalDate from = rs.getObject("effective_on", LocalDate.class);
        LocalDate to = rs.getObject("expires_on", LocalDate.class);
        return new Evidence(rs.getObject("id", UUID.class), AgencyId.of(rs.getObject("agency_id", UUID.class)),
                rs.getString("kind"), rs.getString("title"), rs.getString("url"), rs.getObject("file_id", UUID.class),
                rs.getString("file_name"), rs.getString("media_type"), (Long) rs.getObject("size_bytes"),
                rs.getString("sha256"), from, to, rs.getTimestamp("created_at").toInstant(),
                EvidenceValidity.of(from, to, today), links);
    }
}
