package vn.attthub.incident;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import vn.attthub.organisation.AgencyRoleKind;
import vn.attthub.organisation.AgencyRoles;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Periodic reports of incident-response network members (Circular 20/2017/TT-BTTTT Art 6.1.c, Form 05 "Biểu mẫu số
 * 05"): "báo cáo định kỳ 06 tháng (trước ngày 20 tháng 6) 01 năm (trước ngày 15 tháng 12)" to the national
 * coordinator. For each agency holding the IR_NETWORK_MEMBER role during the period (agency registry,
 * effective-dated) the platform compiles a draft from the member's cases; a user of the member reviews it, edits the
 * free-text parts and files it as a PDF signed with the member's key (409 without one, as for incident reports).
 *
 * <p>TT20 names only the due dates. The data cut-off follows the general rule for periodic reports of state
 * agencies, Decree 09/2019/NĐ-CP Art 12.2 (c)-(d): half-year from 15/12 of the previous year to 14/06, annual from
 * 15/12 of the previous year to 14/12 (see {@link Period#of}).
 *
 * <p>Visibility: a member's reports are seen by callers holding INCIDENT_READ over the member's agency, and by the
 * national coordinator (INCIDENT_COORDINATE over the agency holding NATIONAL_COORDINATOR today), who receives them.
 */
@Component
class MemberReports {
    static final String BASIS = "Thông tư 20/2017/TT-BTTTT Điều 6.1.c (Biểu mẫu số 05)";
    static final String CUT_OFF_BASIS = "Nghị định 09/2019/NĐ-CP Điều 12.2";

    enum Kind {
        HALF_YEAR("Báo cáo định kỳ 06 tháng"), ANNUAL("Báo cáo định kỳ năm");

        final String labelVi;

        Kind(String labelVi) {
            this.labelVi = labelVi;
        }
    }

    /**
     * One reporting period: data from {@code from} to {@code to} inclusive; filing must happen strictly before
     * {@code dueAt} (00:00 Vietnam time on 20/06, resp. 15/12: "trước ngày 20 tháng 6", "trước ngày 15 tháng 12").
     */
    record Period(int year, Kind kind, LocalDate from, LocalDate to, Instant dueAt) {
        static Period of(int year, Kind kind) {
            LocalDate from = LocalDate.of(year - 1, 12, 15);
            LocalDate to = kind == Kind.HALF_YEAR ? LocalDate.of(year, 6, 14) : LocalDate.of(year, 12, 14);
            LocalDate dueDay = kind == Kind.HALF_YEAR ? LocalDate.of(year, 6, 20) : LocalDate.of(year, 12, 15);
            return new Period(year, kind, from, to, dueDay.atStartOfDay(Incidents.ZONE).toInstant());
        }

        /** The period whose report is due next on {@code today}. */
        static Period current(LocalDate today) {
            Period half = of(today.getYear(), Kind.HALF_YEAR);
            if (today.isBefore(LocalDate.of(today.getYear(), 6, 20))) return half;
            if (today.isBefore(LocalDate.of(today.getYear(), 12, 15))) return of(today.getYear(), Kind.ANNUAL);
            return of(today.getYear() + 1, Kind.HALF_YEAR);
        }

        Instant fromInstant() {
            return from.atStartOfDay(Incidents.ZONE).toInstant();
        }

        Instant toExclusive() {
            return to.plusDays(1).atStartOfDay(Incidents.ZONE).toInstant();
        }

        String labelVi() {
            return kind.labelVi + " " + year + " (" + D.format(from) + " – " + D.format(to) + ")";
        }
    }

    static final java.time.format.DateTimeFormatter D = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** PENDING/ON_TIME/LATE/OVERDUE as for incident clocks; filed on time means strictly before the due instant. */
    static Deadlines.Status status(Instant dueAt, Instant firstFiledAt, Instant now) {
        if (firstFiledAt != null) return firstFiledAt.isBefore(dueAt) ? Deadlines.Status.ON_TIME : Deadlines.Status.LATE;
        return now.isBefore(dueAt) ? Deadlines.Status.PENDING : Deadlines.Status.OVERDUE;
    }

    /** The editable free-text parts of Form 05 that no case data can fill. */
    record TextField(String key, String labelVi, boolean required) {
    }

    static final List<TextField> TEXT_FIELDS = List.of(
            new TextField("generalSituation", "Tình hình chung về sự cố an toàn thông tin mạng trong kỳ", true),
            new TextField("responseActivities", "Hoạt động ứng cứu sự cố đã thực hiện", false),
            new TextField("networkActivities", "Tham gia hoạt động của mạng lưới (hội thảo, diễn tập, đào tạo)", false),
            new TextField("resources", "Đầu mối ứng cứu sự cố, nhân lực kỹ thuật (TT20 Điều 6.1.b)", false),
            new TextField("difficulties", "Khó khăn, vướng mắc", false),
            new TextField("proposals", "Kiến nghị, đề xuất", false));

    record Count(String key, String labelVi, long count) {
    }

    /** What the platform compiles from the member's cases in the period. */
    record Figures(long cases, List<Count> byCategory, List<Count> bySeverity, long handled, long inProgress,
                   long noticesFiled, long noticesOnTime, long notificationsReceived, long acknowledgedOnTime,
                   long ordersReceived, long ordersCompleted, long supportRequested, long supportGiven) {
    }

    record Draft(UUID agencyId, String agencyCode, String agencyName, int year, String period, String periodVi,
                 LocalDate from, LocalDate to, Instant dueAt, String status, String legalBasis, String cutOffBasis,
                 Figures figures, Map<String, String> content, List<TextField> textFields, UUID latestReportId) {
    }

    record Filing(UUID agencyId, Integer year, String period, String generalSituation, String responseActivities,
                  String networkActivities, String resources, String difficulties, String proposals) {
    }

    record ReportView(UUID id, UUID agencyId, String agencyName, int year, String period, String periodVi,
                      int version, LocalDate from, LocalDate to, Instant dueAt, Instant filedAt, String status,
                      Figures figures, Map<String, String> content, String filedBy, String sha256,
                      String signerSubject, String pdf, String legalBasis) {
    }

    record OverviewItem(UUID agencyId, String agencyCode, String agencyName, Instant dueAt, String status,
                        Instant firstFiledAt, UUID latestReportId, Integer latestVersion, boolean canFile) {
    }

    record Overview(int year, String period, String periodVi, LocalDate from, LocalDate to, Instant dueAt,
                    boolean coordinator, long filed, long overdue, List<OverviewItem> items) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AgencyTree tree;
    private final AgencyRoles roles;
    private final AgencyDirectory agencies;
    private final IncidentCategories categories;
    private final PdfRenderer renderer;
    private final DocumentSigner signer;
    private final StoredFiles files;
    private final AuditLog audit;

    MemberReports(JdbcClient jdbc, JsonMapper json, AgencyTree tree, AgencyRoles roles, AgencyDirectory agencies,
                  IncidentCategories categories, PdfRenderer renderer, DocumentSigner signer, StoredFiles files,
                  AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.tree = tree;
        this.roles = roles;
        this.agencies = agencies;
        this.categories = categories;
        this.renderer = renderer;
        this.signer = signer;
        this.files = files;
        this.audit = audit;
    }

    // ---- parameters ----

    static Period period(Integer year, String period, boolean required) {
        List<FieldError> errors = new ArrayList<>();
        Kind kind = null;
        if (period == null || period.isBlank()) {
            if (required) errors.add(new FieldError("period", "Chọn kỳ báo cáo HALF_YEAR hoặc ANNUAL (period is required)."));
        } else {
            try {
                kind = Kind.valueOf(period.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("period", "Kỳ báo cáo phải là HALF_YEAR hoặc ANNUAL (invalid period)."));
            }
        }
        int thisYear = LocalDate.now(Incidents.ZONE).getYear();
        if (year == null) {
            if (required) errors.add(new FieldError("year", "Năm báo cáo là bắt buộc (year is required)."));
        } else if (year < 2017 || year > thisYear + 1) {
            errors.add(new FieldError("year", "Năm báo cáo phải từ 2017 (Thông tư 20/2017 có hiệu lực) đến "
                    + (thisYear + 1) + " (year out of range)."));
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Kỳ báo cáo chưa hợp lệ (invalid period).", errors);
        Period current = Period.current(LocalDate.now(Incidents.ZONE));
        return Period.of(year == null ? current.year() : year, kind == null ? current.kind() : kind);
    }

    // ---- who ----

    /** Agencies holding IR_NETWORK_MEMBER on at least one day of the period. */
    List<AgencySummary> members(Period p) {
        List<UUID> ids = jdbc.sql("""
                        SELECT DISTINCT r.agency_id FROM agency_role r
                        WHERE r.role = 'IR_NETWORK_MEMBER' AND r.valid_from <= :to
                          AND (r.valid_to IS NULL OR r.valid_to >= :from)""")
                .param("from", Date.valueOf(p.from())).param("to", Date.valueOf(p.to())).query(UUID.class).list();
        List<AgencySummary> out = new ArrayList<>();
        for (UUID id : ids) agencies.find(AgencyId.of(id)).ifPresent(out::add);
        out.sort(java.util.Comparator.comparing(AgencySummary::code));
        return out;
    }

    boolean isMember(AgencyId agency, Period p) {
        return members(p).stream().anyMatch(a -> a.id().equals(agency));
    }

    /** The national coordinator receives every member's report (TT20 Art 6.1.c). */
    boolean coordinator(CurrentUser user) {
        Set<AgencyId> scope = user.scopeOf(Permission.INCIDENT_COORDINATE);
        if (scope.isEmpty()) return false;
        return roles.holderOf(AgencyRoleKind.NATIONAL_COORDINATOR, null, LocalDate.now(Incidents.ZONE))
                .map(a -> tree.within(a.id(), scope)).orElse(false);
    }

    boolean canRead(CurrentUser user, AgencyId agency) {
        return tree.within(agency, user.scopeOf(Permission.INCIDENT_READ)) || coordinator(user);
    }

    boolean canFile(CurrentUser user, AgencyId agency) {
        return tree.within(agency, user.scopeOf(Permission.INCIDENT_REPORT));
    }

    // ---- compile ----

    private static final String MEMBER_CASES = """
            SELECT i.id, i.category, i.severity, i.state, i.reporter_agency_id FROM incident i
            WHERE i.reported_at >= :from AND i.reported_at < :to AND (
                  i.reporter_agency_id = :agency OR i.owner_id = :agency OR i.operator_id = :agency
               OR EXISTS (SELECT 1 FROM incident_recipient r WHERE r.incident_id = i.id AND r.agency_id = :agency)
               OR EXISTS (SELECT 1 FROM incident_order_addressee o WHERE o.incident_id = i.id AND o.agency_id = :agency))
            """;

    Figures compile(AgencyId agency, Period p) {
        Map<String, Object> params = Map.of("agency", agency.value(), "from", Timestamp.from(p.fromInstant()),
                "to", Timestamp.from(p.toExclusive()));
        record Case(String category, String severity, String state) {
        }
        List<Case> cases = jdbc.sql(MEMBER_CASES).params(params)
                .query((rs, i) -> new Case(rs.getString(2), rs.getString(3), rs.getString(4))).list();
        Map<String, Long> byCategory = new LinkedHashMap<>();
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        bySeverity.put("SERIOUS", 0L);
        bySeverity.put("NORMAL", 0L);
        bySeverity.put("UNCLASSIFIED", 0L);
        long handled = 0;
        for (Case c : cases) {
            byCategory.merge(c.category(), 1L, Long::sum);
            bySeverity.merge(c.severity() == null ? "UNCLASSIFIED" : c.severity(), 1L, Long::sum);
            if ("CLOSED".equals(c.state())) handled++;
        }
        List<Count> categoryCounts = new ArrayList<>();
        byCategory.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> categoryCounts.add(new Count(e.getKey(), categories.find(e.getKey())
                        .map(IncidentCategories.Category::nameVi).orElse(e.getKey()), e.getValue())));
        List<Count> severityCounts = new ArrayList<>();
        bySeverity.forEach((k, v) -> severityCounts.add(new Count(k, switch (k) {
            case "SERIOUS" -> "Nghiêm trọng";
            case "NORMAL" -> "Thông thường";
            default -> "Chưa phân loại";
        }, v)));
        long noticesFiled = count("""
                SELECT count(*) FROM incident i WHERE i.reporter_agency_id = :agency
                AND i.reported_at >= :from AND i.reported_at < :to""", params);
        long noticesOnTime = count("""
                SELECT count(*) FROM incident i JOIN incident_deadline d ON d.incident_id = i.id AND d.kind = 'NOTICE'
                WHERE i.reporter_agency_id = :agency AND i.reported_at >= :from AND i.reported_at < :to
                AND d.satisfied_at IS NOT NULL AND d.satisfied_at <= d.due_at""", params);
        long received = count("""
                SELECT count(*) FROM incident_recipient r WHERE r.agency_id = :agency
                AND r.delivered_at >= :from AND r.delivered_at < :to""", params);
        long ackOnTime = count("""
                SELECT count(*) FROM incident_recipient r JOIN incident_deadline d ON d.incident_id = r.incident_id
                     AND d.kind = 'ACKNOWLEDGEMENT' AND d.agency_id = r.agency_id
                WHERE r.agency_id = :agency AND r.delivered_at >= :from AND r.delivered_at < :to
                AND r.acknowledged_at IS NOT NULL AND r.acknowledged_at <= d.due_at""", params);
        long orders = count("""
                SELECT count(*) FROM incident_order_addressee a JOIN incident_order o ON o.id = a.order_id
                WHERE a.agency_id = :agency AND o.issued_at >= :from AND o.issued_at < :to""", params);
        long ordersDone = count("""
                SELECT count(*) FROM incident_order_addressee a JOIN incident_order o ON o.id = a.order_id
                WHERE a.agency_id = :agency AND o.issued_at >= :from AND o.issued_at < :to
                AND a.state = 'DONE'""", params);
        long supportRequested = count("""
                SELECT count(*) FROM incident_report r WHERE r.agency_id = :agency AND r.type = 'SUPPORT_REQUEST'
                AND r.created_at >= :from AND r.created_at < :to""", params);
        // support given: orders completed on other agencies' cases (the member helped someone else)
        long supportGiven = count("""
                SELECT count(*) FROM incident_order_addressee a JOIN incident_order o ON o.id = a.order_id
                JOIN incident i ON i.id = a.incident_id
                WHERE a.agency_id = :agency AND o.issued_at >= :from AND o.issued_at < :to AND a.state = 'DONE'
                AND i.reporter_agency_id <> :agency AND i.owner_id IS DISTINCT FROM :agency
                AND i.operator_id IS DISTINCT FROM :agency""", params);
        return new Figures(cases.size(), categoryCounts, severityCounts, handled, cases.size() - handled,
                noticesFiled, noticesOnTime, received, ackOnTime, orders, ordersDone, supportRequested, supportGiven);
    }

    private long count(String sql, Map<String, Object> params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    static String summary(String agencyName, Period p, Figures f) {
        return "Trong kỳ " + D.format(p.from()) + " – " + D.format(p.to()) + ", " + agencyName + " ghi nhận "
                + f.cases() + " sự cố liên quan (" + f.handled() + " đã xử lý xong, " + f.inProgress()
                + " đang xử lý); đã thông báo " + f.noticesFiled() + " sự cố, trong đó " + f.noticesOnTime()
                + " đúng hạn; nhận " + f.ordersReceived() + " yêu cầu điều phối, hoàn thành " + f.ordersCompleted()
                + ".";
    }

    // ---- draft ----

    Draft draft(CurrentUser user, UUID agencyId, Integer year, String period) {
        if (agencyId == null) {
            throw new InvalidInputException("Thiếu cơ quan (agencyId is required).",
                    List.of(new FieldError("agencyId", "Chọn thành viên mạng lưới (agencyId is required).")));
        }
        Period p = period(year, period, true);
        AgencyId agency = AgencyId.of(agencyId);
        if (!canRead(user, agency)) throw new NotFoundException("agency", agencyId);
        AgencySummary a = agencies.find(agency).orElseThrow(() -> new NotFoundException("agency", agencyId));
        requireMember(agency, p);
        Figures f = compile(agency, p);
        Optional<Map<String, Object>> latest = latest(agency, p);
        Map<String, String> content = new LinkedHashMap<>();
        if (latest.isPresent()) {
            content.putAll(json.readValue((String) latest.get().get("content"),
                    new TypeReference<LinkedHashMap<String, String>>() {
                    }));
        } else {
            content.put("generalSituation", summary(a.nameVi(), p, f));
        }
        Instant first = firstFiled(agency, p);
        return new Draft(agencyId, a.code(), a.nameVi(), p.year(), p.kind().name(), p.labelVi(), p.from(), p.to(),
                p.dueAt(), status(p.dueAt(), first, Instant.now()).name(), BASIS, CUT_OFF_BASIS, f, content,
                TEXT_FIELDS, latest.map(m -> (UUID) m.get("id")).orElse(null));
    }

    private void requireMember(AgencyId agency, Period p) {
        if (!isMember(agency, p)) {
            throw new ConflictException("Cơ quan không phải thành viên mạng lưới ứng cứu sự cố trong kỳ "
                    + D.format(p.from()) + " – " + D.format(p.to()) + " (no IR_NETWORK_MEMBER role in the period; "
                    + BASIS + ").");
        }
    }

    private Optional<Map<String, Object>> latest(AgencyId agency, Period p) {
        return jdbc.sql("""
                        SELECT id, content::text AS content, version FROM member_report
                        WHERE agency_id = :a AND year = :y AND period = :p ORDER BY version DESC LIMIT 1""")
                .param("a", agency.value()).param("y", p.year()).param("p", p.kind().name()).query().listOfRows()
                .stream().findFirst();
    }

    boolean filed(AgencyId agency, Period p) {
        return firstFiled(agency, p) != null;
    }

    private Instant firstFiled(AgencyId agency, Period p) {
        return jdbc.sql("SELECT min(filed_at) FROM member_report WHERE agency_id = :a AND year = :y AND period = :p")
                .param("a", agency.value()).param("y", p.year()).param("p", p.kind().name())
                .query((rs, i) -> IncidentViews.ts(rs, 1)).optional().orElse(null);
    }

    // ---- file ----

    @Transactional
    ReportView file(CurrentUser user, Filing body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null) throw new InvalidInputException("Báo cáo chưa hợp lệ (invalid report).",
                List.of(new FieldError("agencyId", "Thiếu nội dung báo cáo (body is required).")));
        if (body.agencyId() == null) errors.add(new FieldError("agencyId", "Chọn thành viên mạng lưới (agencyId is required)."));
        Period p;
        try {
            p = period(body.year(), body.period(), true);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            p = null;
        }
        Map<String, String> content = content(body, errors);
        if (!errors.isEmpty()) throw new InvalidInputException("Báo cáo chưa hợp lệ (invalid report).", errors);
        AgencyId agency = AgencyId.of(body.agencyId());
        if (!canRead(user, agency) && !canFile(user, agency)) throw new NotFoundException("agency", body.agencyId());
        if (!canFile(user, agency)) {
            throw new org.springframework.security.access.AccessDeniedException("Chỉ người dùng của thành viên mạng "
                    + "lưới (INCIDENT_REPORT) mới được gửi báo cáo của thành viên đó.");
        }
        return file(new Incidents.Actor(user.id().value(), user.fullName() == null ? user.username() : user.fullName(),
                user.agency()), agency, p, content, Instant.now(), false);
    }

    static Map<String, String> content(Filing body, List<FieldError> errors) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("generalSituation", body.generalSituation());
        values.put("responseActivities", body.responseActivities());
        values.put("networkActivities", body.networkActivities());
        values.put("resources", body.resources());
        values.put("difficulties", body.difficulties());
        values.put("proposals", body.proposals());
        Map<String, String> content = new LinkedHashMap<>();
        for (TextField f : TEXT_FIELDS) {
            String v = Incidents.trim(values.get(f.key()));
            if (v == null && f.required()) errors.add(new FieldError(f.key(), f.labelVi() + " là bắt buộc (" + BASIS + ")."));
            if (v != null && v.length() > 20000) errors.add(new FieldError(f.key(), "Tối đa 20 000 ký tự."));
            if (v != null) content.put(f.key(), v);
        }
        return content;
    }

    @Transactional
    ReportView file(Incidents.Actor actor, AgencyId agency, Period p, Map<String, String> content, Instant now,
                    boolean demo) {
        AgencySummary a = agencies.find(agency).orElseThrow(() -> new NotFoundException("agency", agency.value()));
        requireMember(agency, p);
        // serialise filings of one member and period so versions do not collide
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:k))").param("k", "member-report:" + agency.value() + ":"
                + p.year() + ":" + p.kind()).query().listOfRows();
        Figures f = compile(agency, p);
        int version = jdbc.sql("""
                        SELECT COALESCE(max(version), 0) + 1 FROM member_report
                        WHERE agency_id = :a AND year = :y AND period = :p""")
                .param("a", agency.value()).param("y", p.year()).param("p", p.kind().name()).query(Integer.class).single();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("agency", a.nameVi());
        model.put("periodVi", p.labelVi());
        model.put("kindVi", p.kind().labelVi);
        model.put("year", p.year());
        model.put("version", version);
        model.put("by", actor.name());
        model.put("at", IncidentReports.TIME.format(LocalDateTime.ofInstant(now, Incidents.ZONE)));
        model.put("due", IncidentPages.FMT.at(p.dueAt()));
        model.put("f", f);
        List<Map<String, String>> lines = new ArrayList<>();
        for (TextField t : TEXT_FIELDS) {
            if (content.containsKey(t.key())) lines.add(Map.of("label", t.labelVi(), "value", content.get(t.key())));
        }
        model.put("lines", lines);
        byte[] pdf = renderer.renderTemplate("member-report", model, IncidentReports.VI);
        SignedPdf signed = signer.sign(agency, pdf, p.kind().labelVi + " " + p.year() + " (" + BASIS + ")", "Việt Nam");
        StoredFile file = files.store(signed.pdf(), "bao-cao-thanh-vien-" + a.code().toLowerCase(Locale.ROOT) + "-"
                + p.year() + "-" + p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + "-v" + version + ".pdf",
                MediaTypes.PDF);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO member_report (id, agency_id, year, period, version, period_from, period_to, due_at,
                            figures, content, file_id, sha256, signer_subject, filed_by, filed_by_user, filed_at, demo)
                        VALUES (:id, :agency, :year, :period, :version, :from, :to, :due, CAST(:figures AS jsonb),
                            CAST(:content AS jsonb), :file, :sha, :subject, :by, :user, :at, :demo)""")
                .param("id", id).param("agency", agency.value()).param("year", p.year())
                .param("period", p.kind().name()).param("version", version).param("from", Date.valueOf(p.from()))
                .param("to", Date.valueOf(p.to())).param("due", Timestamp.from(p.dueAt()))
                .param("figures", json.writeValueAsString(f)).param("content", json.writeValueAsString(content))
                .param("file", file.id()).param("sha", file.sha256()).param("subject", signed.signerSubject())
                .param("by", actor.name()).param("user", actor.userId(), java.sql.Types.OTHER)
                .param("at", Timestamp.from(now.truncatedTo(ChronoUnit.MICROS))).param("demo", demo).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("year", p.year());
        details.put("period", p.kind().name());
        details.put("version", version);
        details.put("sha256", file.sha256());
        details.put("status", status(p.dueAt(), firstFiled(agency, p), now).name());
        AuditEntry entry = AuditEntry.success("incident.member-report-filed", "member-report", id, agency, details);
        if (actor.userId() == null) audit.recordFor(null, "system", entry); else audit.record(entry);
        return view(id);
    }

    // ---- read ----

    ReportView get(CurrentUser user, UUID id) {
        UUID agency = jdbc.sql("SELECT agency_id FROM member_report WHERE id = :id").param("id", id)
                .query(UUID.class).optional().orElseThrow(() -> new NotFoundException("member-report", id));
        if (!canRead(user, AgencyId.of(agency))) throw new NotFoundException("member-report", id);
        return view(id);
    }

    ResponseEntity<Resource> pdf(CurrentUser user, UUID id) {
        get(user, id);
        UUID file = jdbc.sql("SELECT file_id FROM member_report WHERE id = :id").param("id", id).query(UUID.class).single();
        return files.asAttachment(file);
    }

    private ReportView view(UUID id) {
        return jdbc.sql("""
                        SELECT m.id, m.agency_id, a.name_vi, m.year, m.period, m.version, m.period_from, m.period_to,
                               m.due_at, m.filed_at, m.figures::text, m.content::text, m.filed_by, m.sha256,
                               m.signer_subject,
                               (SELECT min(x.filed_at) FROM member_report x WHERE x.agency_id = m.agency_id
                                  AND x.year = m.year AND x.period = m.period) AS first_filed
                        FROM member_report m JOIN agency a ON a.id = m.agency_id WHERE m.id = :id""")
                .param("id", id).query((rs, i) -> {
                    Period p = Period.of(rs.getInt(4), Kind.valueOf(rs.getString(5)));
                    return new ReportView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            p.year(), p.kind().name(), p.labelVi(), rs.getInt(6), rs.getDate(7).toLocalDate(),
                            rs.getDate(8).toLocalDate(), IncidentViews.ts(rs, 9), IncidentViews.ts(rs, 10),
                            status(IncidentViews.ts(rs, 9), IncidentViews.ts(rs, 16), Instant.now()).name(),
                            json.readValue(rs.getString(11), Figures.class),
                            json.readValue(rs.getString(12), new TypeReference<LinkedHashMap<String, String>>() {
                            }), rs.getString(13), rs.getString(14), rs.getString(15),
                            "/api/v1/member-reports/" + rs.getObject(1, UUID.class) + "/pdf", BASIS);
                }).optional().orElseThrow(() -> new NotFoundException("member-report", id));
    }

    /**
     * The members of the period the caller may see (all of them for the national coordinator, else those in the
     * caller's INCIDENT_READ subtrees) with the state of their report.
     */
    Overview overview(CurrentUser user, Integer year, String period) {
        Period p = period(year, period, false);
        boolean coordinator = coordinator(user);
        Set<AgencyId> read = user.scopeOf(Permission.INCIDENT_READ);
        Instant now = Instant.now();
        List<OverviewItem> items = new ArrayList<>();
        long filed = 0;
        long overdue = 0;
        for (AgencySummary a : members(p)) {
            if (!coordinator && !tree.within(a.id(), read)) continue;
            Instant first = firstFiled(a.id(), p);
            Optional<Map<String, Object>> latest = latest(a.id(), p);
            Deadlines.Status st = status(p.dueAt(), first, now);
            if (first != null) filed++;
            if (st == Deadlines.Status.OVERDUE) overdue++;
            items.add(new OverviewItem(a.id().value(), a.code(), a.nameVi(), p.dueAt(), st.name(), first,
                    latest.map(m -> (UUID) m.get("id")).orElse(null),
                    latest.map(m -> ((Number) m.get("version")).intValue()).orElse(null), canFile(user, a.id())));
        }
        return new Overview(p.year(), p.kind().name(), p.labelVi(), p.from(), p.to(), p.dueAt(), coordinator, filed,
                overdue, items);
    }

    /** Versions filed for the member and period, newest first (page). */
    List<ReportView> versions(UUID agencyId, int year, Kind kind) {
        return jdbc.sql("SELECT id FROM member_report WHERE agency_id = :a AND year = :y AND period = :p ORDER BY version DESC")
                .param("a", agencyId).param("y", year).param("p", kind.name()).query(UUID.class).list()
                .stream().map(this::view).toList();
    }
}
