package vn.attthub.incident;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.document.DocumentSigner;
import vn.attthub.document.MediaTypes;
import vn.attthub.document.PdfRenderer;
import vn.attthub.document.SignedPdf;
import vn.attthub.document.StoredFile;
import vn.attthub.document.StoredFiles;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reports after the notice (Decision 05/2017 Art 11.2-11.4; Circular 20/2017 Art 9.1-9.2.b): each a new version per
 * type, rendered to a Vietnamese PDF and signed with the filing agency's key (TT20 Art 9.1: electronic reports are
 * digitally signed). The initial report carries the minimum fields of QD05 Art 11.4 (a)-(h); (a) comes from the
 * case itself. An initial report satisfies the INITIAL_REPORT clock, a final report the FINAL_REPORT clock.
 */
@Component
class IncidentReports {
    static final Locale VI = Locale.forLanguageTag("vi");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final IncidentViews views;
    private final Incidents incidents;
    private final PdfRenderer renderer;
    private final DocumentSigner signer;
    private final StoredFiles files;
    private final AgencyDirectory agencies;
    private final AuditLog audit;

    IncidentReports(JdbcClient jdbc, JsonMapper json, IncidentViews views, Incidents incidents, PdfRenderer renderer,
                    DocumentSigner signer, StoredFiles files, AgencyDirectory agencies, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.views = views;
        this.incidents = incidents;
        this.renderer = renderer;
        this.signer = signer;
        this.files = files;
        this.agencies = agencies;
        this.audit = audit;
    }

    record Submission(String type, String summary, String contactName, String contactTitle, String contactPhone,
                      String contactEmail, String incidentType, String symptoms, String preliminaryHarm, String spread,
                      String impact, String provider, String measures, String helpers, String initialResult,
                      String proposals, String rootCause, String result, String lessonsLearned, String supportNeeded) {
    }

    record Field(String key, String labelVi, String basis, boolean required) {
    }

    /** Fields per type; INITIAL follows Decision 05/2017 Art 11.4 (b)-(h). */
    static final Map<ReportType, List<Field>> FIELDS = Map.of(
            ReportType.INITIAL, List.of(
                    new Field("contactName", "Người liên hệ", "QĐ05 Điều 11.4.b", true),
                    new Field("contactTitle", "Chức vụ", "QĐ05 Điều 11.4.b", false),
                    new Field("contactPhone", "Điện thoại", "QĐ05 Điều 11.4.b", true),
                    new Field("contactEmail", "Thư điện tử", "QĐ05 Điều 11.4.b", true),
                    new Field("incidentType", "Loại sự cố", "QĐ05 Điều 11.4.c", false),
                    new Field("symptoms", "Dấu hiệu, hiện tượng", "QĐ05 Điều 11.4.c", true),
                    new Field("preliminaryHarm", "Thiệt hại sơ bộ", "QĐ05 Điều 11.4.c", true),
                    new Field("spread", "Phạm vi lan rộng", "QĐ05 Điều 11.4.c", false),
                    new Field("impact", "Mức độ ảnh hưởng", "QĐ05 Điều 11.4.c", false),
                    new Field("provider", "Nhà cung cấp hạ tầng, dịch vụ viễn thông", "QĐ05 Điều 11.4.d", false),
                    new Field("measures", "Biện pháp đã và dự kiến thực hiện", "QĐ05 Điều 11.4.đ", true),
                    new Field("helpers", "Tổ chức đang hỗ trợ và kết quả", "QĐ05 Điều 11.4.e", false),
                    new Field("initialResult", "Kết quả ứng cứu ban đầu", "QĐ05 Điều 11.4.g", true),
                    new Field("proposals", "Kiến nghị, đề xuất", "QĐ05 Điều 11.4.h", false)),
            ReportType.SITUATION, List.of(
                    new Field("summary", "Tình hình hiện tại", "QĐ05 Điều 11.2", true),
                    new Field("measures", "Biện pháp đang thực hiện", "QĐ05 Điều 11.2", false)),
            ReportType.RESPONSE_PLAN, List.of(
                    new Field("summary", "Phương án ứng cứu", "QĐ05 Điều 11.2", true),
                    new Field("measures", "Nguồn lực, biện pháp", "QĐ05 Điều 11.2", false)),
            ReportType.SUPPORT_REQUEST, List.of(
                    new Field("summary", "Tình hình sự cố", "QĐ05 Điều 11.2", true),
                    new Field("supportNeeded", "Nội dung đề nghị hỗ trợ", "QĐ05 Điều 11.2", true)),
            ReportType.FINAL, List.of(
                    new Field("summary", "Tóm tắt sự cố và quá trình xử lý", "TT20 Điều 9.2.b (Mẫu 04)", true),
                    new Field("rootCause", "Nguyên nhân", "TT20 Điều 11, Phụ lục II", false),
                    new Field("result", "Kết quả xử lý", "TT20 Điều 9.2.b (Mẫu 04)", true),
                    new Field("lessonsLearned", "Bài học kinh nghiệm", "TT20 Phụ lục II bước 4", false)));

    record ReportView(UUID id, UUID incidentId, String incidentReference, String type, String typeVi, int version,
                      Map<String, String> content, UUID agencyId, String agencyName, String createdBy,
                      Instant createdAt, String sha256, String signerSubject, String pdf) {
    }

    @Transactional
    ReportView submit(CurrentUser user, UUID incidentId, Submission s) {
        IncidentViews.Row row = views.row(incidentId, user);
        if (!views.canReport(user, row)) {
            throw new AccessDeniedException("Bạn không có quyền báo cáo về sự cố này (INCIDENT_REPORT over an agency "
                    + "involved in the case).");
        }
        if (user.agency() == null) {
            throw new AccessDeniedException("Tài khoản không thuộc cơ quan nào để ký báo cáo.");
        }
        return submit(new Incidents.Actor(user.id().value(), user.fullName(), user.agency()), row, s, Instant.now());
    }

    @Transactional
    ReportView submit(Incidents.Actor actor, IncidentViews.Row row, Submission s, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        ReportType type = Incidents.parse(ReportType.class, s == null ? null : s.type(), "type", errors, true);
        if (type == null) throw new InvalidInputException("Báo cáo chưa hợp lệ (invalid report).", errors);
        Map<String, String> values = values(s);
        Map<String, String> content = new LinkedHashMap<>();
        for (Field f : FIELDS.get(type)) {
            String v = Incidents.trim(values.get(f.key()));
            if (v == null && f.required()) {
                errors.add(new FieldError(f.key(), f.labelVi() + " là bắt buộc (" + f.basis() + ")."));
            }
            if (v != null && v.length() > 20000) errors.add(new FieldError(f.key(), "Tối đa 20 000 ký tự."));
            if (v != null) content.put(f.key(), v);
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Báo cáo chưa hợp lệ (invalid report).", errors);
        IncidentState state = IncidentState.valueOf(jdbc.sql("SELECT state FROM incident WHERE id = :id FOR UPDATE")
                .param("id", row.id()).query(String.class).single());
        if (state == IncidentState.CLOSED) {
            throw new ConflictException("Sự cố đã đóng; không nhận thêm báo cáo (the incident is closed).");
        }
        int version = jdbc.sql("SELECT COALESCE(max(version), 0) + 1 FROM incident_report WHERE incident_id = :id "
                + "AND type = :type").param("id", row.id()).param("type", type.name()).query(Integer.class).single();
        UUID id = UUID.randomUUID();
        String agencyName = agencies.find(actor.agency()).map(AgencySummary::nameVi).orElse("");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("row", row);
        model.put("typeVi", type.labelVi());
        model.put("version", version);
        model.put("agency", agencyName);
        model.put("by", actor.name());
        model.put("at", TIME.format(LocalDateTime.ofInstant(now, Incidents.ZONE)));
        model.put("detectedAt", TIME.format(LocalDateTime.ofInstant(row.detectedAt(), Incidents.ZONE)));
        List<Map<String, String>> lines = new ArrayList<>();
        for (Field f : FIELDS.get(type)) {
            if (content.containsKey(f.key())) {
                lines.add(Map.of("label", f.labelVi(), "value", content.get(f.key()), "basis", f.basis()));
            }
        }
        model.put("lines", lines);
        byte[] pdf = renderer.renderTemplate("incident-report", model, VI);
        SignedPdf signed = signer.sign(actor.agency(), pdf, type.labelVi() + " " + row.reference()
                + " (Thông tư 20/2017/TT-BTTTT Điều 9)", "Việt Nam");
        String name = "bao-cao-" + type.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + row.reference()
                + "-v" + version + ".pdf";
        StoredFile file = files.store(signed.pdf(), name, MediaTypes.PDF);
        jdbc.sql("""
                        INSERT INTO incident_report (id, incident_id, type, version, content, agency_id, file_id, sha256,
                            signer_subject, created_by, created_at)
                        VALUES (:id, :incident, :type, :version, CAST(:content AS jsonb), :agency, :file, :sha, :subject,
                            :by, :at)""")
                .param("id", id).param("incident", row.id()).param("type", type.name()).param("version", version)
                .param("content", json.writeValueAsString(content)).param("agency", actor.agency().value())
                .param("file", file.id()).param("sha", file.sha256()).param("subject", signed.signerSubject())
                .param("by", actor.name()).param("at", Timestamp.from(now)).update();
        if (type == ReportType.INITIAL) incidents.satisfy(row.id(), Deadlines.Kind.INITIAL_REPORT, null, now);
        if (type == ReportType.FINAL) incidents.satisfy(row.id(), Deadlines.Kind.FINAL_REPORT, null, now);
        incidents.event(row.id(), now, actor, "REPORT", null, null, type.labelVi() + " phiên bản " + version
                + " (" + agencyName + ")");
        AuditEntry entry = AuditEntry.success("incident.report-filed", "incident", row.id(), actor.agency(),
                Map.of("type", type.name(), "version", version, "sha256", file.sha256()));
        if (actor.userId() == null) audit.recordFor(null, "system", entry); else audit.record(entry);
        return view(row, id);
    }

    private static Map<String, String> values(Submission s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("summary", s.summary());
        m.put("contactName", s.contactName());
        m.put("contactTitle", s.contactTitle());
        m.put("contactPhone", s.contactPhone());
        m.put("contactEmail", s.contactEmail());
        m.put("incidentType", s.incidentType());
        m.put("symptoms", s.symptoms());
        m.put("preliminaryHarm", s.preliminaryHarm());
        m.put("spread", s.spread());
        m.put("impact", s.impact());
        m.put("provider", s.provider());
        m.put("measures", s.measures());
        m.put("helpers", s.helpers());
        m.put("initialResult", s.initialResult());
        m.put("proposals", s.proposals());
        m.put("rootCause", s.rootCause());
        m.put("result", s.result());
        m.put("lessonsLearned", s.lessonsLearned());
        m.put("supportNeeded", s.supportNeeded());
        return m;
    }

    ReportView find(CurrentUser user, UUID incidentId, UUID reportId) {
        IncidentViews.Row row = views.row(incidentId, user);
        return view(row, reportId);
    }

    private ReportView view(IncidentViews.Row row, UUID reportId) {
        return jdbc.sql("""
                        SELECT r.id, r.type, r.version, r.content::text, r.agency_id, a.name_vi, r.created_by,
                               r.created_at, r.sha256, r.signer_subject
                        FROM incident_report r JOIN agency a ON a.id = r.agency_id
                        WHERE r.id = :id AND r.incident_id = :incident""")
                .param("id", reportId).param("incident", row.id())
                .query((rs, i) -> new ReportView(rs.getObject(1, UUID.class), row.id(), row.reference(),
                        rs.getString(2), ReportType.valueOf(rs.getString(2)).labelVi(), rs.getInt(3),
                        json.readValue(rs.getString(4), new TypeReference<LinkedHashMap<String, String>>() {
                        }), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7),
                        IncidentViews.ts(rs, 8), rs.getString(9), rs.getString(10),
                        "/api/v1/incidents/" + row.id() + "/reports/" + rs.getObject(1, UUID.class) + "/pdf"))
                .optional().orElseThrow(() -> new NotFoundException("incident-report", reportId));
    }

    ResponseEntity<Resource> pdf(CurrentUser user, UUID incidentId, UUID reportId) {
        IncidentViews.Row row = views.row(incidentId, user);
        UUID file = jdbc.sql("SELECT file_id FROM incident_report WHERE id = :id AND incident_id = :incident")
                .param("id", reportId).param("incident", row.id()).query(UUID.class).optional()
                .orElseThrow(() -> new NotFoundException("incident-report", reportId));
        return files.asAttachment(file);
    }
}
