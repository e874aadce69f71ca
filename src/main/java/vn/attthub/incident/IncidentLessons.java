package vn.attthub.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
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

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Lessons learned (DOMAIN.md §4 "Close ... lessons learned"; issue 4 §3 "published to the network as a sanitised
 * note"). Once a case is RECOVERED or CLOSED, a responder or the coordinator writes a note; it stays with the case
 * and is seen like the case. Publishing needs an explicit confirmation of the preview and stores the text run
 * through {@link LessonSanitiser} against everything the case knows (agencies, system, observables, contacts) as a
 * TLP:GREEN note with the case's category and severity only. A TLP:RED case is never published (409).
 *
 * <p>Feed rule: the network feed is read by users of network organisations: whose own agency lies in the subtree of
 * an agency holding IR_NETWORK_MEMBER or NATIONAL_COORDINATOR today, or who hold INCIDENT_COORDINATE. Others get 403.
 */
@Component
class IncidentLessons {
    static final Set<IncidentState> WRITABLE = EnumSet.of(IncidentState.RECOVERED, IncidentState.CLOSED);

    private final JdbcClient jdbc;
    private final IncidentViews views;
    private final Incidents incidents;
    private final AgencyRoles roles;
    private final AgencyTree tree;
    private final IncidentCategories categories;
    private final AuditLog audit;

    IncidentLessons(JdbcClient jdbc, IncidentViews views, Incidents incidents, AgencyRoles roles,
                    AgencyTree tree, IncidentCategories categories, AuditLog audit) {
        this.jdbc = jdbc;
        this.views = views;
        this.incidents = incidents;
        this.roles = roles;
        this.tree = tree;
        this.categories = categories;
        this.audit = audit;
    }

    record Draft(String title, String body) {
    }

    record Publication(Boolean confirm) {
    }

    record Removed(String kind, String placeholder, int count) {
    }

    record Preview(String title, String body, List<Removed> removed, String tlp) {
    }

    record LessonView(UUID id, UUID incidentId, String title, String body, String author, Instant createdAt,
                      Preview preview, boolean published, Instant publishedAt, String publishedBy) {
    }

    record FeedItem(UUID id, String title, String body, String category, String categoryVi, String severity,
                    Instant publishedAt, String tlp) {
    }

    // ---- write ----

    @Transactional
    LessonView write(CurrentUser user, UUID incidentId, Draft body) {
        IncidentViews.Row row = views.row(incidentId, user);
        requireAuthor(user, row);
        List<FieldError> errors = new ArrayList<>();
        String title = body == null ? null : Incidents.trim(body.title());
        String text = body == null ? null : Incidents.trim(body.body());
        if (title == null) errors.add(new FieldError("title", "Tiêu đề là bắt buộc (title is required)."));
        else if (title.length() > 300) errors.add(new FieldError("title", "Tối đa 300 ký tự."));
        if (text == null) errors.add(new FieldError("body", "Nội dung bài học là bắt buộc (body is required)."));
        else if (text.length() > 20000) errors.add(new FieldError("body", "Tối đa 20 000 ký tự."));
        if (!errors.isEmpty()) throw new InvalidInputException("Bài học kinh nghiệm chưa hợp lệ (invalid lesson).", errors);
        if (!WRITABLE.contains(row.state())) {
            throw new ConflictException("Chỉ viết bài học kinh nghiệm khi sự cố đã khôi phục hoặc đã đóng (the case "
                    + "must be RECOVERED or CLOSED; it is " + row.state() + ").");
        }
        return write(Incidents.Actor.of(user), row, title, text, Instant.now(), false);
    }

    @Transactional
    LessonView write(Incidents.Actor actor, IncidentViews.Row row, String title, String text, Instant now, boolean demo) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incident_lesson (id, incident_id, title, body, author, author_user, author_agency,
                            created_at, demo)
                        VALUES (:id, :incident, :title, :body, :author, :user, :agency, :at, :demo)""")
                .param("id", id).param("incident", row.id()).param("title", title).param("body", text)
                .param("author", actor.name()).param("user", actor.userId(), java.sql.Types.OTHER)
                .param("agency", actor.agency() == null ? null : actor.agency().value(), java.sql.Types.OTHER)
                .param("at", Timestamp.from(now.truncatedTo(ChronoUnit.MICROS))).param("demo", demo).update();
        incidents.event(row.id(), now, actor, "LESSON", null, null, "Bài học kinh nghiệm: " + title);
        AuditEntry entry = AuditEntry.success("incident.lesson-written", "incident", row.id(), actor.agency(),
                Map.of("lesson", id.toString()));
        if (actor.userId() == null) audit.recordFor(null, "system", entry); else audit.record(entry);
        return view(row, id);
    }

    @Transactional
    LessonView publish(CurrentUser user, UUID incidentId, UUID lessonId, Publication body) {
        IncidentViews.Row row = views.row(incidentId, user);
        lesson(row, lessonId);
        requireAuthor(user, row);
        if (body == null || !Boolean.TRUE.equals(body.confirm())) {
            throw new InvalidInputException("Cần xác nhận bản xem trước trước khi công bố (confirm the preview).",
                    List.of(new FieldError("confirm", "Đặt confirm = true sau khi đã đọc bản xem trước "
                            + "(the sanitised preview) sẽ được công bố cho toàn mạng lưới.")));
        }
        return publish(Incidents.Actor.of(user), row, lessonId, Instant.now());
    }

    @Transactional
    LessonView publish(Incidents.Actor actor, IncidentViews.Row row, UUID lessonId, Instant now) {
        if (row.tlp() == Tlp.RED) {
            throw new ConflictException("Sự cố TLP:RED không được công bố bài học ra mạng lưới (a TLP:RED case never "
                    + "leaves its named recipients).");
        }
        Map<String, Object> l = jdbc.sql("SELECT title, body, published_at FROM incident_lesson WHERE id = :id FOR UPDATE")
                .param("id", lessonId).query().singleRow();
        if (l.get("published_at") != null) {
            throw new ConflictException("Bài học đã được công bố (the lesson is already published).");
        }
        LessonSanitiser.Known known = known(row);
        LessonSanitiser.Result title = LessonSanitiser.sanitise((String) l.get("title"), known);
        LessonSanitiser.Result text = LessonSanitiser.sanitise((String) l.get("body"), known);
        jdbc.sql("""
                        UPDATE incident_lesson SET published_title = :title, published_body = :body, category = :cat,
                            severity = :sev, published_at = :at, published_by = :by WHERE id = :id""")
                .param("title", title.text()).param("body", text.text()).param("cat", row.category())
                .param("sev", row.severity() == null ? null : row.severity().name())
                .param("at", Timestamp.from(now.truncatedTo(ChronoUnit.MICROS))).param("by", actor.name())
                .param("id", lessonId).update();
        incidents.event(row.id(), now, actor, "LESSON_PUBLISHED", null, null,
                "Đã công bố bài học kinh nghiệm (đã ẩn thông tin định danh) cho mạng lưới.");
        AuditEntry entry = AuditEntry.success("incident.lesson-published", "incident", row.id(), actor.agency(),
                Map.of("lesson", lessonId.toString(), "removed", text.total() + title.total()));
        if (actor.userId() == null) audit.recordFor(null, "system", entry); else audit.record(entry);
        return view(row, lessonId);
    }

    private void requireAuthor(CurrentUser user, IncidentViews.Row row) {
        if (!views.isResponder(user, row) && !views.isCoordinator(user, row.id())) {
            throw new AccessDeniedException("Chỉ đơn vị ứng cứu hoặc cơ quan điều phối của sự cố mới viết và công bố "
                    + "bài học kinh nghiệm (INCIDENT_RESPOND or INCIDENT_COORDINATE on the case).");
        }
    }

    /** Everything the case knows that must not reach the network. */
    LessonSanitiser.Known known(IncidentViews.Row row) {
        Set<String> agencyNames = new HashSet<>();
        jdbc.sql("""
                        SELECT a.name_vi, a.name_en, a.code FROM agency a WHERE a.id IN (
                            SELECT i.reporter_agency_id FROM incident i WHERE i.id = :id
                            UNION SELECT i.owner_id FROM incident i WHERE i.id = :id
                            UNION SELECT i.operator_id FROM incident i WHERE i.id = :id
                            UNION SELECT r.agency_id FROM incident_recipient r WHERE r.incident_id = :id
                            UNION SELECT o.agency_id FROM incident_order_addressee o WHERE o.incident_id = :id)""")
                .param("id", row.id()).query((rs, i) -> {
                    for (int c = 1; c <= 3; c++) if (rs.getString(c) != null) agencyNames.add(rs.getString(c));
                    return null;
                }).list();
        Set<String> systemNames = new HashSet<>();
        if (row.systemName() != null) systemNames.add(row.systemName());
        if (row.affectedAsset() != null) systemNames.add(row.affectedAsset());
        if (row.systemId() != null) {
            jdbc.sql("SELECT code FROM information_system WHERE id = :id").param("id", row.systemId())
                    .query(String.class).optional().ifPresent(systemNames::add);
        }
        Set<String> secrets = new HashSet<>();
        secrets.add(row.reference());
        Map<String, Object> raw = jdbc.sql("""
                        SELECT reporter_name, reporter_phone, reporter_email FROM incident WHERE id = :id""")
                .param("id", row.id()).query().singleRow();
        for (String k : List.of("reporter_name", "reporter_phone", "reporter_email")) {
            if (raw.get(k) != null) secrets.add((String) raw.get(k));
        }
        // every observable of the case, canonical and as entered, whatever its TLP: none may reach the network note
        jdbc.sql("SELECT value, raw_value FROM incident_observable WHERE incident_id = :id").param("id", row.id())
                .query((rs, n) -> List.of(rs.getString("value"), rs.getString("raw_value"))).list()
                .forEach(secrets::addAll);
        return new LessonSanitiser.Known(agencyNames, systemNames, secrets);
    }

    // ---- read ----

    List<LessonView> list(CurrentUser user, UUID incidentId) {
        IncidentViews.Row row = views.row(incidentId, user);
        return jdbc.sql("SELECT id FROM incident_lesson WHERE incident_id = :id ORDER BY created_at")
                .param("id", row.id()).query(UUID.class).list().stream().map(l -> view(row, l)).toList();
    }

    private void lesson(IncidentViews.Row row, UUID lessonId) {
        boolean exists = jdbc.sql("SELECT count(*) FROM incident_lesson WHERE id = :id AND incident_id = :incident")
                .param("id", lessonId).param("incident", row.id()).query(Long.class).single() > 0;
        if (!exists) throw new NotFoundException("incident-lesson", lessonId);
    }

    LessonView view(IncidentViews.Row row, UUID lessonId) {
        LessonSanitiser.Known known = known(row);
        return jdbc.sql("""
                        SELECT id, title, body, author, created_at, published_title, published_body, published_at,
                               published_by FROM incident_lesson WHERE id = :id AND incident_id = :incident""")
                .param("id", lessonId).param("incident", row.id()).query((rs, i) -> {
                    boolean published = rs.getTimestamp(8) != null;
                    Preview preview;
                    if (published) {
                        preview = new Preview(rs.getString(6), rs.getString(7), List.of(), "GREEN");
                    } else {
                        LessonSanitiser.Result t = LessonSanitiser.sanitise(rs.getString(2), known);
                        LessonSanitiser.Result b = LessonSanitiser.sanitise(rs.getString(3), known);
                        Map<LessonSanitiser.Kind, Integer> all = new LinkedHashMap<>(t.removed());
                        b.removed().forEach((k, v) -> all.merge(k, v, Integer::sum));
                        List<Removed> removed = all.entrySet().stream()
                                .map(e -> new Removed(e.getKey().name(), e.getKey().placeholder, e.getValue())).toList();
                        preview = new Preview(t.text(), b.text(), removed, "GREEN");
                    }
                    return new LessonView(rs.getObject(1, UUID.class), row.id(), rs.getString(2), rs.getString(3),
                            rs.getString(4), IncidentViews.ts(rs, 5), preview, published, IncidentViews.ts(rs, 8),
                            rs.getString(9));
                }).optional().orElseThrow(() -> new NotFoundException("incident-lesson", lessonId));
    }

    /** Whether the caller may read the network feed (see the class comment for the rule). */
    boolean networkReader(CurrentUser user) {
        if (!user.scopeOf(Permission.INCIDENT_COORDINATE).isEmpty()) return true;
        if (user.agency() == null) return false;
        LocalDate today = LocalDate.now(Incidents.ZONE);
        List<AgencyId> network = new ArrayList<>();
        for (AgencyRoleKind k : List.of(AgencyRoleKind.IR_NETWORK_MEMBER, AgencyRoleKind.NATIONAL_COORDINATOR)) {
            roles.holdersOf(k, today).stream().map(AgencySummary::id).forEach(network::add);
        }
        return !network.isEmpty() && tree.within(user.agency(), network);
    }

    List<FeedItem> feed(CurrentUser user, Integer limit) {
        if (!networkReader(user)) {
            throw new AccessDeniedException("Chỉ thành viên mạng lưới ứng cứu sự cố mới xem được bài học kinh nghiệm "
                    + "của mạng lưới (network members only; Thông tư 20/2017 Điều 6.1.g).");
        }
        int n = limit == null ? 50 : Math.max(1, Math.min(limit, 200));
        return jdbc.sql("""
                        SELECT id, published_title, published_body, category, severity, published_at
                        FROM incident_lesson WHERE published_at IS NOT NULL ORDER BY published_at DESC LIMIT :n""")
                .param("n", n).query((rs, i) -> new FeedItem(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getString(4), categories.find(rs.getString(4))
                        .map(IncidentCategories.Category::nameVi).orElse(rs.getString(4)), rs.getString(5),
                        IncidentViews.ts(rs, 6), "GREEN")).list();
    }
}
