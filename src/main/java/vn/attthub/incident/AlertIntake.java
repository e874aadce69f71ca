package vn.attthub.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Machine intake of SOC alerts (issue 4 §3). An alert is keyed by the ingesting agency, {@code source} and
 * {@code sourceRef}; a repeated key updates the alert (last seen, count, the fields that changed) in one
 * {@code INSERT ... ON CONFLICT DO UPDATE}, so concurrent posts never duplicate it. An analyst (INCIDENT_REPORT or
 * INCIDENT_RESPOND over the alert's agency) promotes a new alert to an incident through the notice path (routing
 * and clocks of TT20 Art 9 / QD05 Art 11 apply), merges it into an incident they may respond to or report on (a
 * timeline event on the incident), or dismisses it with a reason.
 */
@Component
class AlertIntake {
    static final int RAW_LIMIT = 64 * 1024;
    static final Set<String> SEVERITY_HINTS = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    static final Set<String> STATUSES = Set.of("NEW", "PROMOTED", "MERGED", "DISMISSED");
    private static final Pattern SOURCE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,99}$");
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final AgencyTree tree;
    private final InformationSystems systems;
    private final Incidents incidents;
    private final IncidentViews views;
    private final IncidentObservables observables;

    AlertIntake(JdbcClient jdbc, JsonMapper json, AuditLog audit, AgencyTree tree, InformationSystems systems,
                Incidents incidents, IncidentViews views, IncidentObservables observables) {
        this.observables = observables;
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.tree = tree;
        this.systems = systems;
        this.incidents = incidents;
        this.views = views;
    }

    record Alert(UUID agencyId, String source, String sourceRef, String title, String description, String severityHint,
                 String detectedAt, UUID systemId, String affectedAsset, List<Incidents.Observable> observables,
                 JsonNode raw) {
    }

    record AlertView(UUID id, UUID agencyId, String agencyName, String source, String sourceRef, String title,
                     String description, String severityHint, Instant detectedAt, UUID systemId, String systemName,
                     String affectedAsset, List<Incidents.Observable> observables, JsonNode raw, String status,
                     Instant firstSeenAt, Instant lastSeenAt, int seenCount, List<String> changedFields,
                     UUID incidentId, String incidentReference, String handledBy, Instant handledAt,
                     String dismissalReason, int version) {
    }

    record Ingested(AlertView alert, boolean created) {
    }

    record Page(List<AlertView> items, long total, int page, int size) {
    }

    record Promotion(String category, String tlp, Boolean beyondCapacity, List<String> impacts, String title,
                     String description, String affectedAsset) {
    }

    record Merge(UUID incidentId, String comment) {
    }

    record Dismissal(String reason) {
    }

    /** Creates the alert, or updates the one with the same agency, source and sourceRef. */
    @Transactional
    Ingested ingest(CurrentUser user, Alert a) {
        List<FieldError> errors = new ArrayList<>();
        Set<AgencyId> ingest = user.scopeOf(Permission.ALERT_INGEST);
        AgencyId agency = a.agencyId() != null ? AgencyId.of(a.agencyId()) : user.agency();
        if (agency == null || !tree.within(agency, ingest)) {
            errors.add(new FieldError("agencyId", "Cơ quan nhận cảnh báo phải thuộc phạm vi ALERT_INGEST của bạn "
                    + "(the agency must be in your ALERT_INGEST scope)."));
        }
        String source = Incidents.trim(a.source());
        if (source == null) errors.add(new FieldError("source", "Nguồn cảnh báo là bắt buộc (source is required)."));
        else if (!SOURCE.matcher(source).matches()) {
            errors.add(new FieldError("source", "Nguồn chỉ gồm chữ, số và . _ : / @ -, tối đa 100 ký tự "
                    + "(letters, digits and . _ : / @ -, at most 100)."));
        }
        String ref = Incidents.trim(a.sourceRef());
        if (ref == null) errors.add(new FieldError("sourceRef", "Mã cảnh báo tại nguồn là bắt buộc (sourceRef is required)."));
        else if (ref.length() > 200) errors.add(new FieldError("sourceRef", "Tối đa 200 ký tự (at most 200)."));
        String title = Incidents.trim(a.title());
        if (title == null) errors.add(new FieldError("title", "Tiêu đề là bắt buộc (title is required)."));
        else if (title.length() > 300) errors.add(new FieldError("title", "Tiêu đề tối đa 300 ký tự (at most 300)."));
        String description = Incidents.trim(a.description());
        if (description != null && description.length() > 20_000) {
            errors.add(new FieldError("description", "Mô tả tối đa 20000 ký tự (at most 20000)."));
        }
        String asset = Incidents.trim(a.affectedAsset());
        if (asset != null && asset.length() > 500) {
            errors.add(new FieldError("affectedAsset", "Tối đa 500 ký tự (at most 500)."));
        }
        String hint = Incidents.trim(a.severityHint());
        if (hint != null) {
            hint = hint.toUpperCase(Locale.ROOT);
            if (!SEVERITY_HINTS.contains(hint)) {
                errors.add(new FieldError("severityHint", "Chọn một trong " + SEVERITY_HINTS.stream().sorted().toList()
                        + " (invalid severity hint)."));
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant detected = now;
        if (Incidents.trim(a.detectedAt()) != null) {
            try {
                detected = OffsetDateTime.parse(a.detectedAt().strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
                if (detected.isAfter(now.plus(Duration.ofMinutes(5)))) {
                    errors.add(new FieldError("detectedAt", "Thời điểm phát hiện không được ở tương lai "
                            + "(detectedAt is in the future)."));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("detectedAt", "Dùng ISO-8601 có múi giờ, ví dụ 2026-03-01T08:30:00+07:00 "
                        + "(ISO-8601 with offset expected)."));
            }
        }
        if (a.systemId() != null) {
            Set<AgencyId> seeing = new HashSet<>(ingest);
            seeing.addAll(user.scopeOf(Permission.SYSTEM_READ));
            boolean found = systems.find(a.systemId()).filter(s -> tree.within(s.ownerId(), seeing)
                    || tree.within(s.operatorId(), seeing)).isPresent();
            if (!found) {
                errors.add(new FieldError("systemId", "Không tìm thấy hệ thống trong phạm vi của bạn "
                        + "(system not found)."));
            }
        }
        List<Incidents.Observable> observables = observables(a.observables(), errors);
        String raw = null;
        if (a.raw() != null && !a.raw().isNull()) {
            raw = json.writeValueAsString(a.raw());
            if (raw.getBytes(StandardCharsets.UTF_8).length > RAW_LIMIT) {
                errors.add(new FieldError("raw", "Dữ liệu gốc tối đa " + RAW_LIMIT / 1024 + " KiB (raw is at most "
                        + RAW_LIMIT + " bytes)."));
            }
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Cảnh báo chưa hợp lệ (invalid alert).", errors);

        record Result(UUID id, boolean created) {
        }
        Result r = jdbc.sql("""
                        INSERT INTO alert AS a (id, agency_id, source, source_ref, title, description, severity_hint,
                            detected_at, system_id, affected_asset, observables, raw, first_seen_at, last_seen_at)
                        VALUES (:id, :agency, :source, :ref, :title, :description, :hint, :detected, :system, :asset,
                            CAST(:observables AS jsonb), CAST(:raw AS jsonb), :now, :now)
                        ON CONFLICT (agency_id, source, source_ref) DO UPDATE SET
                            changed_fields = array_remove(ARRAY[
                                CASE WHEN a.title IS DISTINCT FROM EXCLUDED.title THEN 'title' END,
                                CASE WHEN a.description IS DISTINCT FROM EXCLUDED.description THEN 'description' END,
                                CASE WHEN a.severity_hint IS DISTINCT FROM EXCLUDED.severity_hint THEN 'severityHint' END,
                                CASE WHEN a.detected_at IS DISTINCT FROM EXCLUDED.detected_at THEN 'detectedAt' END,
                                CASE WHEN a.system_id IS DISTINCT FROM EXCLUDED.system_id THEN 'systemId' END,
                                CASE WHEN a.affected_asset IS DISTINCT FROM EXCLUDED.affected_asset THEN 'affectedAsset' END,
                                CASE WHEN a.observables IS DISTINCT FROM EXCLUDED.observables THEN 'observables' END,
                                CASE WHEN a.raw IS DISTINCT FROM EXCLUDED.raw THEN 'raw' END
                            ]::varchar[], NULL),
                            title = EXCLUDED.title, description = EXCLUDED.description,
                            severity_hint = EXCLUDED.severity_hint, detected_at = EXCLUDED.detected_at,
                            system_id = EXCLUDED.system_id, affected_asset = EXCLUDED.affected_asset,
                            observables = EXCLUDED.observables, raw = EXCLUDED.raw,
                            last_seen_at = GREATEST(a.last_seen_at, EXCLUDED.last_seen_at),
                            seen_count = a.seen_count + 1, version = a.version + 1
                        RETURNING id, (xmax = 0) AS created""")
                .param("id", UUID.randomUUID()).param("agency", agency.value()).param("source", source)
                .param("ref", ref).param("title", title).param("description", description, java.sql.Types.VARCHAR)
                .param("hint", hint, java.sql.Types.VARCHAR).param("detected", Timestamp.from(detected))
                .param("system", a.systemId(), java.sql.Types.OTHER).param("asset", asset, java.sql.Types.VARCHAR)
                .param("observables", json.writeValueAsString(observables))
                .param("raw", raw, java.sql.Types.VARCHAR).param("now", Timestamp.from(now))
                .query((rs, n) -> new Result(rs.getObject("id", UUID.class), rs.getBoolean("created"))).single();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", source);
        details.put("sourceRef", ref);
        audit.record(AuditEntry.success(r.created() ? "alert.created" : "alert.updated", "alert", r.id(), agency,
                details));
        return new Ingested(view(r.id()), r.created());
    }

    static List<Incidents.Observable> observables(List<Incidents.Observable> in, List<FieldError> errors) {
        List<Incidents.Observable> out = new ArrayList<>();
        if (in == null) return out;
        if (in.size() > 500) {
            errors.add(new FieldError("observables", "Tối đa 500 dấu hiệu (at most 500 observables)."));
            return out;
        }
        for (int i = 0; i < in.size(); i++) {
            Incidents.Observable o = in.get(i);
            String p = "observables[" + i + "]";
            if (o == null || Incidents.trim(o.value()) == null) {
                errors.add(new FieldError(p + ".value", "Giá trị là bắt buộc (value is required)."));
                continue;
            }
            if (o.value().strip().length() > 2000) {
                errors.add(new FieldError(p + ".value", "Tối đa 2000 ký tự (at most 2000)."));
                continue;
            }
            String type = o.type() == null ? null : o.type().strip().toUpperCase(Locale.ROOT);
            if (type == null || !Incidents.OBSERVABLE_TYPES.contains(type)) {
                errors.add(new FieldError(p + ".type", "Loại phải là một trong "
                        + Incidents.OBSERVABLE_TYPES.stream().sorted().toList() + " (invalid type)."));
                continue;
            }
            Tlp tlp = Incidents.parse(Tlp.class, o.tlp(), p + ".tlp", errors, false);
            try {
                IncidentObservables.canonical(type, o.value(), Tlp.CLEAR);
            } catch (ObservableValue.Invalid e) {
                errors.add(new FieldError(p + ".value", e.getMessage()));
                continue;
            }
            out.add(new Incidents.Observable(type, o.value().strip(), tlp == null ? null : tlp.name()));
        }
        return out;
    }

    private static final String SELECT = """
            SELECT a.*, ag.name_vi AS agency_name, s.name AS system_name, i.reference AS incident_reference,
                   a.observables::text AS observables_json, a.raw::text AS raw_json
            FROM alert a JOIN agency ag ON ag.id = a.agency_id
            LEFT JOIN information_system s ON s.id = a.system_id LEFT JOIN incident i ON i.id = a.incident_id
            """;

    private AlertView map(ResultSet rs) throws SQLException {
        Array changed = new Array(rs.getArray("changed_fields"));
        String raw = rs.getString("raw_json");
        Timestamp handled = rs.getTimestamp("handled_at");
        return new AlertView(rs.getObject("id", UUID.class), rs.getObject("agency_id", UUID.class),
                rs.getString("agency_name"), rs.getString("source"), rs.getString("source_ref"), rs.getString("title"),
                rs.getString("description"), rs.getString("severity_hint"), rs.getTimestamp("detected_at").toInstant(),
                rs.getObject("system_id", UUID.class), rs.getString("system_name"), rs.getString("affected_asset"),
                json.readValue(rs.getString("observables_json"), new TypeReference<List<Incidents.Observable>>() {
                }), raw == null ? null : json.readTree(raw), rs.getString("status"),
                rs.getTimestamp("first_seen_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant(),
                rs.getInt("seen_count"), changed.values, rs.getObject("incident_id", UUID.class),
                rs.getString("incident_reference"), rs.getString("handled_by"),
                handled == null ? null : handled.toInstant(), rs.getString("dismissal_reason"), rs.getInt("version"));
    }

    private record Array(List<String> values) {
        Array(java.sql.Array a) throws SQLException {
            this(a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList());
        }
    }

    private AlertView view(UUID id) {
        return jdbc.sql(SELECT + " WHERE a.id = :id").param("id", id).query((rs, n) -> map(rs)).single();
    }

    /** Roots of the subtrees where the caller sees alerts: INCIDENT_READ or ALERT_INGEST. */
    private static UUID[] roots(CurrentUser user) {
        Set<UUID> out = new HashSet<>();
        user.scopeOf(Permission.INCIDENT_READ).forEach(a -> out.add(a.value()));
        user.scopeOf(Permission.ALERT_INGEST).forEach(a -> out.add(a.value()));
        return out.toArray(UUID[]::new);
    }

    private static final String VISIBLE = " AND " + AgencyTree.pathWithinRoots("ag.path");

    AlertView find(CurrentUser user, UUID id) {
        return jdbc.sql(SELECT + " WHERE a.id = :id" + VISIBLE).param("id", id).param("scopeRoots", roots(user))
                .query((rs, n) -> map(rs)).optional().orElseThrow(() -> new NotFoundException("alert", id));
    }

    Page list(CurrentUser user, String status, String source, Integer page, Integer size) {
        List<FieldError> errors = new ArrayList<>();
        String st = Incidents.trim(status) == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (st != null && !STATUSES.contains(st)) {
            errors.add(new FieldError("status", "Chọn một trong [NEW, PROMOTED, MERGED, DISMISSED] (invalid status)."));
        }
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) errors.add(new FieldError("page", "page >= 0"));
        if (s < 1 || s > 200) errors.add(new FieldError("size", "1 <= size <= 200"));
        if (!errors.isEmpty()) throw new InvalidInputException("Bộ lọc không hợp lệ (invalid filter).", errors);
        String where = " WHERE (CAST(:status AS varchar) IS NULL OR a.status = :status)"
                + " AND (CAST(:source AS varchar) IS NULL OR a.source = :source)" + VISIBLE;
        String src = Incidents.trim(source);
        long total = jdbc.sql("SELECT count(*) FROM alert a JOIN agency ag ON ag.id = a.agency_id" + where)
                .param("status", st, java.sql.Types.VARCHAR).param("source", src, java.sql.Types.VARCHAR)
                .param("scopeRoots", roots(user)).query(Long.class).single();
        List<AlertView> items = jdbc.sql(SELECT + where + " ORDER BY a.last_seen_at DESC, a.id LIMIT :limit OFFSET :offset")
                .param("status", st, java.sql.Types.VARCHAR).param("source", src, java.sql.Types.VARCHAR)
                .param("scopeRoots", roots(user)).param("limit", s).param("offset", (long) p * s)
                .query((rs, n) -> map(rs)).list();
        return new Page(items, total, p, s);
    }

    /** The alert, visible and locked, for an analyst holding INCIDENT_REPORT or INCIDENT_RESPOND over its agency. */
    private AlertView forAction(CurrentUser user, UUID id) {
        AlertView a = find(user, id);
        Set<AgencyId> scope = new HashSet<>(user.scopeOf(Permission.INCIDENT_REPORT));
        scope.addAll(user.scopeOf(Permission.INCIDENT_RESPOND));
        if (!tree.within(AgencyId.of(a.agencyId()), scope)) {
            throw new AccessDeniedException("Cần quyền báo cáo hoặc ứng cứu sự cố đối với cơ quan nhận cảnh báo "
                    + "(INCIDENT_REPORT or INCIDENT_RESPOND over the alert's agency).");
        }
        String status = jdbc.sql("SELECT status FROM alert WHERE id = :id FOR UPDATE").param("id", id)
                .query(String.class).single();
        if (!"NEW".equals(status)) {
            throw new ConflictException("Cảnh báo đã được xử lý (trạng thái " + status + "); chỉ cảnh báo mới (NEW) "
                    + "mới được chuyển thành sự cố, gộp hoặc bỏ qua (the alert is already " + status + ").");
        }
        return a;
    }

    private void handled(UUID id, String status, UUID incident, String by, Instant now, String reason) {
        jdbc.sql("""
                        UPDATE alert SET status = :status, incident_id = :incident, handled_by = :by, handled_at = :now,
                            dismissal_reason = :reason, version = version + 1 WHERE id = :id""")
                .param("status", status).param("incident", incident, java.sql.Types.OTHER).param("by", by)
                .param("now", Timestamp.from(now)).param("reason", reason, java.sql.Types.VARCHAR).param("id", id)
                .update();
    }

    /** Files a notice from the alert (the filing path of {@link Incidents}: routing, clocks, audit) and links it. */
    @Transactional
    UUID promote(CurrentUser user, UUID id, Promotion p) {
        AlertView a = forAction(user, id);
        if (p == null) p = new Promotion(null, null, null, null, null, null, null);
        SystemSummary system = a.systemId() == null ? null : systems.find(a.systemId()).orElse(null);
        String description = Incidents.trim(p.description()) != null ? p.description()
                : a.description() != null ? a.description() : a.title();
        description = description + "\n\n(Từ cảnh báo " + a.source() + " / " + a.sourceRef() + ", ghi nhận "
                + a.seenCount() + " lần.)";
        String asset = Incidents.trim(p.affectedAsset()) != null ? p.affectedAsset() : a.affectedAsset();
        Incidents.Notice notice = new Incidents.Notice(system == null ? null : system.id(), asset, null, null,
                a.agencyId(), null, null, null, null, Incidents.trim(p.title()) != null ? p.title() : a.title(),
                description, OffsetDateTime.ofInstant(a.detectedAt(), Incidents.ZONE).toString(), p.category(),
                p.beyondCapacity() == null ? Boolean.FALSE : p.beyondCapacity(),
                Incidents.trim(p.tlp()) == null ? "AMBER" : p.tlp(), p.impacts(), null, null, a.observables());
        Incidents.Actor actor = new Incidents.Actor(user.id().value(), name(user), AgencyId.of(a.agencyId()));
        Instant now = Instant.now();
        UUID incident = incidents.file(actor, notice, system, List.of(), now, false,
                Incidents.ObservableMode.LENIENT, user.agency());
        handled(id, "PROMOTED", incident, actor.name(), now, null);
        incidents.event(incident, now, actor, "ALERT_PROMOTED", null, null,
                "Tạo từ cảnh báo " + a.source() + " / " + a.sourceRef() + ".");
        audit.record(AuditEntry.success("alert.promoted", "alert", id, AgencyId.of(a.agencyId()),
                Map.of("incidentId", incident.toString())));
        return incident;
    }

    /** Attaches the alert to an incident the analyst may respond to or report on; a timeline event records it. */
    @Transactional
    AlertView merge(CurrentUser user, UUID id, Merge m) {
        AlertView a = forAction(user, id);
        if (m == null || m.incidentId() == null) {
            throw new InvalidInputException("Gộp cảnh báo chưa hợp lệ.", List.of(new FieldError("incidentId",
                    "Chọn sự cố để gộp (incidentId is required).")));
        }
        IncidentViews.Row row = views.find(m.incidentId(), user).orElseThrow(() -> new InvalidInputException(
                "Gộp cảnh báo chưa hợp lệ.", List.of(new FieldError("incidentId",
                "Không tìm thấy sự cố trong phạm vi của bạn (incident not found)."))));
        if (!(views.isResponder(user, row) || views.canReport(user, row) || views.isCoordinator(user, row.id()))) {
            throw new AccessDeniedException("Bạn không có quyền cập nhật sự cố " + row.reference()
                    + " (INCIDENT_REPORT or INCIDENT_RESPOND over the incident).");
        }
        Instant now = Instant.now();
        Incidents.Actor actor = Incidents.Actor.of(user);
        handled(id, "MERGED", row.id(), actor.name(), now, null);
        // the alert's observables join the case's, deduplicated by canonical value
        int added = observables.store(row.id(), IncidentObservables.lenient(a.observables(), row.tlp()), actor, now)
                .size();
        String comment = Incidents.trim(m.comment());
        incidents.event(row.id(), now, actor, "ALERT_MERGED", null, null, "Gộp cảnh báo " + a.source() + " / "
                + a.sourceRef() + ": " + a.title() + " (ghi nhận " + a.seenCount() + " lần"
                + (added > 0 ? "; thêm " + added + " dấu hiệu" : "") + ")."
                + (comment == null ? "" : " " + comment));
        audit.record(AuditEntry.success("alert.merged", "alert", id, AgencyId.of(a.agencyId()),
                Map.of("incidentId", row.id().toString())));
        return view(id);
    }

    @Transactional
    AlertView dismiss(CurrentUser user, UUID id, Dismissal d) {
        AlertView a = forAction(user, id);
        String reason = d == null ? null : Incidents.trim(d.reason());
        if (reason == null || reason.length() > 2000) {
            throw new InvalidInputException("Bỏ qua cảnh báo chưa hợp lệ.", List.of(new FieldError("reason",
                    "Lý do là bắt buộc, tối đa 2000 ký tự (reason is required, at most 2000).")));
        }
        handled(id, "DISMISSED", null, name(user), Instant.now(), reason);
        audit.record(AuditEntry.success("alert.dismissed", "alert", id, AgencyId.of(a.agencyId()),
                Map.of("reason", reason)));
        return view(id);
    }

    private static String name(CurrentUser user) {
        return user.fullName() == null ? user.username() : user.fullName();
    }
}
