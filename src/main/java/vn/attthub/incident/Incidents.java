package vn.attthub.incident;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.RegistrySnapshot;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.GroupCommit;
import vn.attthub.shared.Ids;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Intake and handling of incidents: the notice (Circular 20/2017 Art 9.3.a) with its recipients (Decision 05/2017
 * Art 11.5) and clocks, acknowledgements (QD05 Art 12.1.c), case transitions on an append-only timeline (TT20 Art
 * 11; QD05 Art 14) with the coordinator's severity decision (QD05 Art 9-10), and closing only once the final report
 * is in (TT20 Art 9.2.b). Reports are in {@link IncidentReports}.
 */
@Component
class Incidents {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Set<String> OBSERVABLE_TYPES = Set.copyOf(IncidentObservables.TYPES);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final InformationSystems systems;
    private final AgencyDirectory agencies;
    private final IncidentRouting routing;
    private final IncidentCategories categories;
    private final IncidentObservables observables;
    private final IncidentNoticeOutbox outbox;
    private final Duration immediate;
    private final NamedParameterJdbcTemplate named;
    private final GroupCommit.Writer<NoticeRows> notices = this::writeNotices;

    Incidents(JdbcClient jdbc, NamedParameterJdbcTemplate named, JsonMapper json, AuditLog audit,
              InformationSystems systems, AgencyDirectory agencies, IncidentRouting routing,
              IncidentCategories categories, IncidentObservables observables, IncidentNoticeOutbox outbox,
              @Value("${attt.incident.immediate-target:PT2H}") Duration immediate) {
        this.jdbc = jdbc;
        this.named = named;
        this.json = json;
        this.audit = audit;
        this.systems = systems;
        this.agencies = agencies;
        this.routing = routing;
        this.categories = categories;
        this.observables = observables;
        this.outbox = outbox;
        this.immediate = immediate;
    }

    record Observable(String type, String value, String tlp) {
    }

    /**
     * How a notice's observables are read: STRICT for API input (the type is required and the value must fit it, else
     * 400 at {@code observables[i].value}); GUESS for the form's free text (the type is guessed, OTHER when none
     * fits); LENIENT for values already stored elsewhere (an alert): the declared type when it fits, else a guess.
     */
    enum ObservableMode { STRICT, GUESS, LENIENT }

    record Notice(UUID systemId, String affectedAsset, UUID ownerId, UUID operatorId, UUID reporterAgencyId,
                  String reporterName, String reporterTitle, String reporterPhone, String reporterEmail, String title,
                  String description, String detectedAt, String category, Boolean beyondCapacity, String tlp,
                  List<String> impacts, String resultsSoFar, String proposals, List<Observable> observables) {
    }

    /** Who files: a user, or the demo loader / a machine acting for an agency. */
    record Actor(UUID userId, String name, AgencyId agency) {
        static Actor of(CurrentUser user) {
            return new Actor(user.id().value(), user.fullName() == null ? user.username() : user.fullName(),
                    user.agency());
        }
    }

    /** Files a notice as the signed-in user. */
    @Transactional
    UUID file(CurrentUser user, Notice n) {
        return file(user, n, ObservableMode.STRICT);
    }

    /** Files a notice as the signed-in user, reading observables as {@code mode} says. */
    @Transactional
    UUID file(CurrentUser user, Notice n, ObservableMode mode) {
        return fileNotice(user, n, mode).id();
    }

    /**
     * Files a notice as the signed-in user and returns what was stored (for the 201 answer, built without reading the
     * case back). The caller's scope checks (reporting agency; the system's owner or operator within SYSTEM_READ or
     * INCIDENT_REPORT) are answered from the in-memory registry ({@link #within}).
     */
    @Transactional
    Filed fileNotice(CurrentUser user, Notice n, ObservableMode mode) {
        return noticeOf(user, n, mode);
    }

    /**
     * {@link #fileNotice(CurrentUser, Notice, ObservableMode)} for a caller whose writes go to an open
     * {@link GroupCommit} unit: without a transaction of its own, as its reads need none and it writes nothing itself.
     */
    Filed fileNoticeInGroupCommit(CurrentUser user, Notice n, ObservableMode mode) {
        if (!GroupCommit.isOpen()) throw new IllegalStateException("no group commit unit is open");
        return noticeOf(user, n, mode);
    }

    private Filed noticeOf(CurrentUser user, Notice n, ObservableMode mode) {
        Set<AgencyId> reportScope = user.scopeOf(Permission.INCIDENT_REPORT);
        Set<AgencyId> systemScope = user.scopeOf(Permission.SYSTEM_READ);
        List<FieldError> errors = new ArrayList<>();
        AgencyId reporter = n.reporterAgencyId() != null ? AgencyId.of(n.reporterAgencyId()) : user.agency();
        SystemSummary system = n.systemId() == null ? null : systems.find(n.systemId()).orElse(null);
        RegistrySnapshot registry = agencies.snapshot(); // scopes, routing and the answer's names from one revision
        List<AgencyId> checked = new ArrayList<>();
        if (reporter != null) checked.add(reporter);
        if (system != null) {
            if (system.ownerId() != null) checked.add(system.ownerId());
            if (system.operatorId() != null) checked.add(system.operatorId());
        }
        Map<AgencyId, boolean[]> within = within(registry, checked, reportScope, systemScope);
        if (reporter == null || !within.getOrDefault(reporter, new boolean[2])[0]) {
            errors.add(new FieldError("reporterAgencyId", "Cơ quan báo cáo phải thuộc phạm vi được báo cáo sự cố "
                    + "của bạn (the reporting agency must be in your INCIDENT_REPORT scope)."));
        }
        if (system != null) {
            boolean[] o = system.ownerId() == null ? new boolean[2] : within.getOrDefault(system.ownerId(), new boolean[2]);
            boolean[] p = system.operatorId() == null ? new boolean[2]
                    : within.getOrDefault(system.operatorId(), new boolean[2]);
            if (!(o[0] || o[1] || p[0] || p[1])) system = null;
        }
        if (n.systemId() != null && system == null) {
            errors.add(new FieldError("systemId", "Không tìm thấy hệ thống trong phạm vi của bạn; hãy nhập tên, "
                    + "tên miền hoặc IP vào affectedAsset (system not found)."));
        }
        return fileNotice(registry, new Actor(user.id().value(),
                user.fullName() == null ? user.username() : user.fullName(), reporter), n, system, errors,
                Instant.now(), false, mode, user.agency());
    }

    /**
     * For each agency, whether it lies in a subtree of {@code first} and of {@code second} (as
     * {@link AgencyTree#within}), on the paths of the in-memory registry.
     */
    private static Map<AgencyId, boolean[]> within(RegistrySnapshot registry, List<AgencyId> checked,
                                                   Set<AgencyId> first, Set<AgencyId> second) {
        Map<AgencyId, boolean[]> out = new java.util.HashMap<>();
        if (checked.isEmpty() || (first.isEmpty() && second.isEmpty())) return out;
        registry.registered(checked).forEach((id, agency) -> out.put(id, new boolean[]{
                AgencyTree.pathWithin(agency.path(), first), AgencyTree.pathWithin(agency.path(), second)}));
        return out;
    }

    /** Files a notice; {@code errors} already holds the caller-specific ones. */
    @Transactional
    UUID file(Actor actor, Notice n, SystemSummary system, List<FieldError> errors, Instant now, boolean demo) {
        return file(actor, n, system, errors, now, demo, ObservableMode.STRICT);
    }

    @Transactional
    UUID file(Actor actor, Notice n, SystemSummary system, List<FieldError> errors, Instant now, boolean demo,
              ObservableMode mode) {
        return fileNotice(actor, n, system, errors, now, demo, mode, null).id();
    }

    @Transactional
    UUID file(Actor actor, Notice n, SystemSummary system, List<FieldError> errors, Instant now, boolean demo,
              ObservableMode mode, AgencyId filedBy) {
        return fileNotice(actor, n, system, errors, now, demo, mode, filedBy).id();
    }

    /** A clock as stored at intake. */
    record Clock(UUID id, Deadlines.Kind kind, AgencyId agency, Instant due, Instant satisfied) {
    }

    /** What a notice stored, as the 201 answer needs it (see {@link IncidentViews#filed}). */
    record Filed(UUID id, String reference, String title, String description, SystemSummary system, String asset,
                 AgencyId owner, AgencyId operator, AgencyId reporter, AgencyId filedBy, Map<String, String> reporterContact,
                 Instant detectedAt, Instant reportedAt, String category, boolean beyondCapacity, Tlp tlp,
                 String resultsSoFar, String proposals, Severity proposedSeverity, List<String> impacts,
                 List<IncidentRouting.Recipient> recipients, List<Clock> clocks, long eventId, String eventActor,
                 String eventComment, List<IncidentObservables.Stored> observables, AgencyId lead,
                 RegistrySnapshot registry) {
    }

    /**
     * Files a notice: the incident row (its reference from the year's sequence), then its recipients, clocks, timeline
     * event and the durable outbox row of the notification fan-out, the observables, and the audit entry (chained
     * right after commit, V6). They are written through {@link GroupCommit}: in the caller's transaction, or, for an
     * API notice with an {@code Idempotency-Key}, in one group commit with other notices and their stored answers.
     * The notifications are sent after commit by {@link IncidentNoticeOutbox}.
     *
     * @param filedBy the own agency of the user who files (a named party of the notice: it may always see what it
     *                filed, TLP:RED included, even when filing for another agency), null when no user files
     */
    @Transactional
    Filed fileNotice(Actor actor, Notice n, SystemSummary system, List<FieldError> errors, Instant now, boolean demo,
                     ObservableMode mode, AgencyId filedBy) {
        return fileNotice(agencies.snapshot(), actor, n, system, errors, now, demo, mode, filedBy);
    }

    /** {@link #fileNotice(Actor, Notice, SystemSummary, List, Instant, boolean, ObservableMode, AgencyId)} on the
     * registry snapshot the caller already checked the notice against. */
    private Filed fileNotice(RegistrySnapshot registry, Actor actor, Notice n, SystemSummary system,
                             List<FieldError> errors, Instant now, boolean demo, ObservableMode mode,
                             AgencyId filedBy) {
        now = now.truncatedTo(ChronoUnit.MICROS); // as stored, so that the answer equals a later read
        errors = new ArrayList<>(errors);
        String title = trim(n.title());
        String description = trim(n.description());
        String asset = trim(n.affectedAsset());
        if (title == null) errors.add(new FieldError("title", "Tiêu đề là bắt buộc (title is required)."));
        else if (title.length() > 300) errors.add(new FieldError("title", "Tiêu đề tối đa 300 ký tự (at most 300)."));
        if (description == null) {
            errors.add(new FieldError("description", "Mô tả sự cố là bắt buộc (description is required)."));
        }
        if (n.systemId() == null && asset == null) {
            errors.add(new FieldError("affectedAsset", "Chọn hệ thống bị ảnh hưởng hoặc nhập tên, tên miền, IP "
                    + "(systemId or affectedAsset is required)."));
        }
        Instant detected = null;
        if (trim(n.detectedAt()) == null) {
            errors.add(new FieldError("detectedAt", "Thời điểm phát hiện là bắt buộc (detectedAt is required)."));
        } else {
            try {
                detected = OffsetDateTime.parse(n.detectedAt().strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
                if (detected.isAfter(now.plus(Duration.ofMinutes(5)))) {
                    errors.add(new FieldError("detectedAt", "Thời điểm phát hiện không được ở tương lai "
                            + "(detectedAt is in the future)."));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("detectedAt", "Dùng ISO-8601 có múi giờ, ví dụ 2026-03-01T08:30:00+07:00 "
                        + "(ISO-8601 with offset expected)."));
            }
        }
        var category = categories.find(n.category());
        if (category.isEmpty()) {
            errors.add(new FieldError("category", "Chọn một loại sự cố trong danh mục (GET /api/v1/incident-categories)"
                    + " (unknown category '" + n.category() + "')."));
        }
        if (n.beyondCapacity() == null) {
            errors.add(new FieldError("beyondCapacity", "Cho biết sự cố có vượt quá khả năng xử lý của đơn vị vận hành "
                    + "không (beyondCapacity is required, TT20 Điều 9.2.b)."));
        }
        Tlp tlp = parse(Tlp.class, n.tlp(), "tlp", errors, true);
        EnumSet<Impact> impacts = EnumSet.noneOf(Impact.class);
        if (n.impacts() != null) {
            for (int i = 0; i < n.impacts().size(); i++) {
                Impact impact = parse(Impact.class, n.impacts().get(i), "impacts[" + i + "]", errors, true);
                if (impact != null) impacts.add(impact);
            }
        }
        List<IncidentObservables.Canonical> canonical = switch (mode) {
            case STRICT -> IncidentObservables.strict(n.observables(), tlp, "observables", errors);
            case LENIENT -> IncidentObservables.lenient(n.observables(), tlp);
            case GUESS -> n.observables() == null ? List.of() : n.observables().stream()
                    .filter(o -> o != null && trim(o.value()) != null)
                    .map(o -> IncidentObservables.guess(o.value(), tlp == null ? Tlp.AMBER : tlp)).toList();
        };
        String email = trim(n.reporterEmail());
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("reporterEmail", "Địa chỉ e-mail không hợp lệ (invalid e-mail)."));
        }
        AgencyId owner = system != null ? system.ownerId() : agencyOrError(registry, n.ownerId(), "ownerId", errors);
        AgencyId operator = system != null ? system.operatorId()
                : agencyOrError(registry, n.operatorId(), "operatorId", errors);
        if (!errors.isEmpty()) throw new InvalidInputException("Thông báo sự cố chưa hợp lệ (invalid notice).", errors);

        UUID id = Ids.next();
        int year = LocalDate.ofInstant(now, ZONE).getYear();
        boolean beyond = n.beyondCapacity();
        Integer level = system == null ? null : system.approvedLevel();
        boolean nationalList = system != null && Boolean.TRUE.equals(system.levelInputs().primeMinisterDesignated());
        Severity proposed = SeverityRule.propose(level, nationalList, impacts, beyond);
        String reporterName = trim(n.reporterName()) == null ? actor.name() : trim(n.reporterName());
        List<String> impactNames = impacts.stream().map(Enum::name).toList();
        AgencyId hosting = system == null ? null : system.hostingProviderId();
        IncidentRouting.Route route = routing.routeWithLead(registry, owner, actor.agency(), hosting,
                LocalDate.ofInstant(now, ZONE));
        List<IncidentRouting.Recipient> recipients = route.recipients();
        // The reference from the year's sequence (V93) and the FILED event's id, drawn before anything is written: the
        // answer is complete before the notice is written, so that both can commit in one group commit.
        long[] drawn = jdbc.sql("SELECT incident_next_reference_number(:year), nextval('incident_event_id_seq')")
                .param("year", year).query((rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
        String reference = String.format("SC-%d-%06d", year, drawn[0]);
        long eventId = drawn[1];

        // Clocks (Deadlines): the notice itself, the initial report when beyond capacity, one acknowledgement each.
        List<Clock> clocks = new ArrayList<>();
        clocks.add(new Clock(Ids.next(), Deadlines.Kind.NOTICE, null, detected.plus(Deadlines.NOTICE), now));
        if (beyond) clocks.add(new Clock(Ids.next(), Deadlines.Kind.INITIAL_REPORT, null, now.plus(immediate), null));
        for (IncidentRouting.Recipient r : recipients) {
            clocks.add(new Clock(Ids.next(), Deadlines.Kind.ACKNOWLEDGEMENT, r.agency(), now.plus(immediate),
                    null));
        }
        String comment = detected.plus(Deadlines.NOTICE).isBefore(now)
                ? "Thông báo quá hạn 5 ngày kể từ khi phát hiện (TT20 Điều 9.2.a): được tiếp nhận và đánh dấu trễ hạn."
                : null;
        NoticeRows rows = new NoticeRows(id, reference, title, description, system == null ? null : system.id(),
                asset, owner == null ? null : owner.value(), operator == null ? null : operator.value(),
                actor.agency().value(), actor.userId(), reporterName, trim(n.reporterTitle()),
                trim(n.reporterPhone()), email, detected, now, category.get().code(), beyond, tlp.name(),
                trim(n.resultsSoFar()), trim(n.proposals()), proposed.name(), impactNames, demo,
                filedBy == null ? null : filedBy.value(), route.lead() == null ? null : route.lead().value(),
                recipients, clocks, eventId, actor.name(), actor.userId(), comment);
        GroupCommit.write(notices, rows);
        outbox.wakeAfterCommit();
        List<IncidentObservables.Stored> stored = observables.storeNew(id, canonical, actor, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reference", reference);
        details.put("category", category.get().code());
        details.put("tlp", tlp.name());
        details.put("recipients", recipients.stream().map(r -> r.role() + ":" + r.agency().value()).toList());
        AuditEntry entry = AuditEntry.success("incident.filed", "incident", id, actor.agency(), details);
        if (actor.userId() == null) audit.recordFor(null, "system", entry); else audit.record(entry);
        Map<String, String> contact = new LinkedHashMap<>();
        contact.put("name", reporterName);
        contact.put("title", trim(n.reporterTitle()));
        contact.put("phone", trim(n.reporterPhone()));
        contact.put("email", email);
        return new Filed(id, reference, title, description, system, asset, owner, operator, actor.agency(), filedBy,
                contact, detected, now, category.get().code(), beyond, tlp, trim(n.resultsSoFar()),
                trim(n.proposals()), proposed, impactNames, recipients, clocks, eventId, actor.name(), comment,
                stored, route.lead(), registry);
    }

    /** What one notice writes: its incident row, recipients, clocks and FILED event (and its fan-out's outbox row). */
    private record NoticeRows(UUID id, String reference, String title, String description, UUID system, String asset,
                              UUID owner, UUID operator, UUID reporter, UUID reporterUser, String reporterName,
                              String reporterTitle, String reporterPhone, String reporterEmail, Instant detected,
                              Instant reported, String category, boolean beyond, String tlp, String results,
                              String proposals, String proposed, List<String> impacts, boolean demo, UUID filedBy,
                              UUID lead, List<IncidentRouting.Recipient> recipients, List<Clock> clocks, long eventId,
                              String actor, UUID actorUser, String comment) {
    }

    /** The incident rows of every notice of a group, one element of each array per notice. */
    private static final String INSERT_INCIDENTS = """
            INSERT INTO incident (id, reference, title, description, system_id, affected_asset, owner_id, operator_id,
                reporter_agency_id, reporter_user_id, reporter_name, reporter_title, reporter_phone, reporter_email,
                detected_at, reported_at, category, beyond_capacity, tlp, results_so_far, proposals, state,
                proposed_severity, impacts, demo, filed_by_agency_id, lead_agency_id)
            SELECT x.id, x.reference, x.title, x.description, x.system, x.asset, x.owner, x.operator, x.reporter,
                x.reporter_user, x.reporter_name, x.reporter_title, x.reporter_phone, x.reporter_email, x.detected,
                x.reported, x.category, x.beyond, x.tlp, x.results, x.proposals, 'RECEIVED', x.proposed,
                CAST(x.impacts AS varchar[]), x.demo, x.filed_by, x.lead
            FROM unnest(CAST(:id AS uuid[]), CAST(:reference AS text[]), CAST(:title AS text[]),
                CAST(:description AS text[]), CAST(:system AS uuid[]), CAST(:asset AS text[]), CAST(:owner AS uuid[]),
                CAST(:operator AS uuid[]), CAST(:reporter AS uuid[]), CAST(:reporterUser AS uuid[]),
                CAST(:reporterName AS text[]), CAST(:reporterTitle AS text[]), CAST(:reporterPhone AS text[]),
                CAST(:reporterEmail AS text[]), CAST(:detected AS timestamptz[]), CAST(:reported AS timestamptz[]),
                CAST(:category AS text[]), CAST(:beyond AS boolean[]), CAST(:tlp AS text[]), CAST(:results AS text[]),
                CAST(:proposals AS text[]), CAST(:proposed AS text[]), CAST(:impacts AS text[]), CAST(:demo AS boolean[]),
                CAST(:filedBy AS uuid[]), CAST(:lead AS uuid[]))
                AS x(id, reference, title, description, system, asset, owner, operator, reporter, reporter_user,
                     reporter_name, reporter_title, reporter_phone, reporter_email, detected, reported, category, beyond,
                     tlp, results, proposals, proposed, impacts, demo, filed_by, lead)""";

    /**
     * The recipients, clocks, outbox rows of the fan-out and FILED events of every notice of a group: one statement
     * after the incidents (V113's trigger on incident_recipient reads the incident rows).
     */
    private static final String INSERT_PARTIES = """
            WITH rec AS (
                INSERT INTO incident_recipient (incident_id, agency_id, role, delivered_at)
                SELECT r.incident, r.agency, r.role, r.at
                FROM unnest(CAST(:recIncidents AS uuid[]), CAST(:recAgencies AS uuid[]), CAST(:recRoles AS varchar[]),
                            CAST(:recAt AS timestamptz[])) AS r(incident, agency, role, at)
            ), clk AS (
                INSERT INTO incident_deadline (id, incident_id, kind, agency_id, due_at, satisfied_at, legal_basis)
                SELECT d.id, d.incident, d.kind, d.agency, d.due, d.satisfied, d.basis
                FROM unnest(CAST(:clockIds AS uuid[]), CAST(:clockIncidents AS uuid[]), CAST(:clockKinds AS varchar[]),
                            CAST(:clockAgencies AS uuid[]), CAST(:clockDue AS timestamptz[]),
                            CAST(:clockSatisfied AS timestamptz[]), CAST(:clockBasis AS text[]))
                     AS d(id, incident, kind, agency, due, satisfied, basis)
            ), outbox AS (
                INSERT INTO incident_notice_outbox (incident_id) SELECT unnest(CAST(:id AS uuid[]))
            )
            INSERT INTO incident_event (id, incident_id, at, actor, actor_user, kind, from_state, to_state, comment)
            SELECT e.id, e.incident, e.at, e.actor, e.actor_user, 'FILED', NULL, 'RECEIVED', e.comment
            FROM unnest(CAST(:eventId AS bigint[]), CAST(:id AS uuid[]), CAST(:reported AS timestamptz[]),
                        CAST(:actor AS text[]), CAST(:actorUser AS uuid[]), CAST(:comment AS text[]))
                 AS e(id, incident, at, actor, actor_user, comment)""";

    /**
     * The notices of a group commit in two statements, whatever their number: every incident row, then every
     * recipient, clock, outbox row and event. Row triggers aside, a statement costs the same setup (and V113's
     * statement triggers one run each) for one notice as for thirty.
     */
    private void writeNotices(List<NoticeRows> rows) {
        MapSqlParameterSource incidents = new MapSqlParameterSource()
                .addValue("id", column("uuid", rows, NoticeRows::id))
                .addValue("reference", column("text", rows, NoticeRows::reference))
                .addValue("title", column("text", rows, NoticeRows::title))
                .addValue("description", column("text", rows, NoticeRows::description))
                .addValue("system", column("uuid", rows, NoticeRows::system))
                .addValue("asset", column("text", rows, NoticeRows::asset))
                .addValue("owner", column("uuid", rows, NoticeRows::owner))
                .addValue("operator", column("uuid", rows, NoticeRows::operator))
                .addValue("reporter", column("uuid", rows, NoticeRows::reporter))
                .addValue("reporterUser", column("uuid", rows, NoticeRows::reporterUser))
                .addValue("reporterName", column("text", rows, NoticeRows::reporterName))
                .addValue("reporterTitle", column("text", rows, NoticeRows::reporterTitle))
                .addValue("reporterPhone", column("text", rows, NoticeRows::reporterPhone))
                .addValue("reporterEmail", column("text", rows, NoticeRows::reporterEmail))
                .addValue("detected", column("text", rows, r -> r.detected().toString()))
                .addValue("reported", column("text", rows, r -> r.reported().toString()))
                .addValue("category", column("text", rows, NoticeRows::category))
                .addValue("beyond", column("bool", rows, NoticeRows::beyond))
                .addValue("tlp", column("text", rows, NoticeRows::tlp))
                .addValue("results", column("text", rows, NoticeRows::results))
                .addValue("proposals", column("text", rows, NoticeRows::proposals))
                .addValue("proposed", column("text", rows, NoticeRows::proposed))
                .addValue("impacts", column("text", rows, r -> "{" + String.join(",", r.impacts()) + "}"))
                .addValue("demo", column("bool", rows, NoticeRows::demo))
                .addValue("filedBy", column("uuid", rows, NoticeRows::filedBy))
                .addValue("lead", column("uuid", rows, NoticeRows::lead));
        named.update(INSERT_INCIDENTS, incidents);

        record Addressed(NoticeRows notice, IncidentRouting.Recipient recipient) {
        }
        record Timed(UUID incident, Clock clock) {
        }
        List<Addressed> recipients = new ArrayList<>();
        List<Timed> clocks = new ArrayList<>();
        for (NoticeRows r : rows) {
            for (IncidentRouting.Recipient x : r.recipients()) recipients.add(new Addressed(r, x));
            for (Clock c : r.clocks()) clocks.add(new Timed(r.id(), c));
        }
        MapSqlParameterSource parties = new MapSqlParameterSource()
                .addValue("id", incidents.getValue("id"))
                .addValue("reported", incidents.getValue("reported"))
                .addValue("recIncidents", column("uuid", recipients, x -> x.notice().id()))
                .addValue("recAgencies", column("uuid", recipients, x -> x.recipient().agency().value()))
                .addValue("recRoles", column("text", recipients, x -> x.recipient().role().name()))
                .addValue("recAt", column("text", recipients, x -> x.notice().reported().toString()))
                .addValue("clockIds", column("uuid", clocks, x -> x.clock().id()))
                .addValue("clockIncidents", column("uuid", clocks, Timed::incident))
                .addValue("clockKinds", column("text", clocks, x -> x.clock().kind().name()))
                .addValue("clockAgencies", column("uuid", clocks,
                        x -> x.clock().agency() == null ? null : x.clock().agency().value()))
                .addValue("clockDue", column("text", clocks, x -> x.clock().due().toString()))
                .addValue("clockSatisfied", column("text", clocks,
                        x -> x.clock().satisfied() == null ? null : x.clock().satisfied().toString()))
                .addValue("clockBasis", column("text", clocks, x -> x.clock().kind().basis))
                .addValue("eventId", column("int8", rows, NoticeRows::eventId))
                .addValue("actor", column("text", rows, NoticeRows::actor))
                .addValue("actorUser", column("uuid", rows, NoticeRows::actorUser))
                .addValue("comment", column("text", rows, NoticeRows::comment));
        named.update(INSERT_PARTIES, parties);
    }

    /** One column of a multi-row insert: the values of {@code rows}, as an SQL array of {@code type}. */
    private static <T> SqlArrayValue column(String type, List<T> rows, java.util.function.Function<T, ?> value) {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) values[i] = value.apply(rows.get(i));
        return new SqlArrayValue(type, values);
    }

    private static AgencyId agencyOrError(RegistrySnapshot registry, UUID id, String field, List<FieldError> errors) {
        if (id == null) return null;
        if (registry.registered(List.of(AgencyId.of(id))).isEmpty()) {
            errors.add(new FieldError(field, "Không tìm thấy cơ quan (agency not found)."));
            return null;
        }
        return AgencyId.of(id);
    }

    void deadline(UUID incident, Deadlines.Kind kind, AgencyId agency, Instant due, Instant satisfied) {
        jdbc.sql("""
                        INSERT INTO incident_deadline (id, incident_id, kind, agency_id, due_at, satisfied_at, legal_basis)
                        VALUES (:id, :incident, :kind, :agency, :due, :satisfied, :basis)""")
                .param("id", Ids.next()).param("incident", incident).param("kind", kind.name())
                .param("agency", agency == null ? null : agency.value(), java.sql.Types.OTHER)
                .param("due", Timestamp.from(due))
                .param("satisfied", satisfied == null ? null : Timestamp.from(satisfied), java.sql.Types.TIMESTAMP)
                .param("basis", kind.basis).update();
    }

    void satisfy(UUID incident, Deadlines.Kind kind, AgencyId agency, Instant at) {
        var statement = jdbc.sql("UPDATE incident_deadline SET satisfied_at = :at WHERE incident_id = :id "
                        + "AND kind = :kind AND satisfied_at IS NULL" + (agency == null ? "" : " AND agency_id = :agency"))
                .param("at", Timestamp.from(at)).param("id", incident).param("kind", kind.name());
        if (agency != null) statement = statement.param("agency", agency.value());
        statement.update();
    }

    void event(UUID incident, Instant at, Actor actor, String kind, IncidentState from, IncidentState to,
               String comment) {
        jdbc.sql("""
                        INSERT INTO incident_event (incident_id, at, actor, actor_user, kind, from_state, to_state, comment)
                        VALUES (:id, :at, :actor, :user, :kind, :from, :to, :comment)""")
                .param("id", incident).param("at", Timestamp.from(at)).param("actor", actor.name())
                .param("user", actor.userId(), java.sql.Types.OTHER).param("kind", kind)
                .param("from", from == null ? null : from.name(), java.sql.Types.VARCHAR)
                .param("to", to == null ? null : to.name(), java.sql.Types.VARCHAR)
                .param("comment", comment, java.sql.Types.VARCHAR).update();
    }

    /** Acknowledges receipt for every recipient entry the caller's agency (or an agency they hold a grant at) holds. */
    @Transactional
    List<UUID> acknowledge(CurrentUser user, UUID id, UUID agencyId, IncidentViews views) {
        views.row(id, user); // 404 when not visible
        Set<UUID> mine = namedAgencies(user, Permission.INCIDENT_READ);
        List<UUID> pending = jdbc.sql("""
                        SELECT agency_id FROM incident_recipient WHERE incident_id = :id AND agency_id = ANY(:mine)
                        ORDER BY role FOR UPDATE""")
                .param("id", id).param("mine", mine.toArray(UUID[]::new)).query(UUID.class).list();
        if (agencyId != null) pending = pending.stream().filter(agencyId::equals).toList();
        if (pending.isEmpty()) {
            throw new AccessDeniedException("Cơ quan của bạn không phải là nơi nhận thông báo sự cố này "
                    + "(your agency is not a recipient of this incident).");
        }
        Instant now = Instant.now();
        Actor actor = Actor.of(user);
        List<UUID> done = new ArrayList<>();
        for (UUID agency : pending) {
            int n = jdbc.sql("""
                            UPDATE incident_recipient SET acknowledged_at = :now, acknowledged_by = :by
                            WHERE incident_id = :id AND agency_id = :agency AND acknowledged_at IS NULL""")
                    .param("now", Timestamp.from(now)).param("by", actor.name()).param("id", id)
                    .param("agency", agency).update();
            if (n > 0) {
                satisfy(id, Deadlines.Kind.ACKNOWLEDGEMENT, AgencyId.of(agency), now);
                event(id, now, actor, "ACKNOWLEDGED", null, null, agencies.find(AgencyId.of(agency))
                        .map(a -> a.nameVi()).orElse(agency.toString()) + " xác nhận đã nhận thông báo.");
                audit.record(AuditEntry.success("incident.acknowledged", "incident", id, AgencyId.of(agency), Map.of()));
                done.add(agency);
            }
        }
        return done;
    }

    /** The user's own agency and the agencies where they hold {@code permission} (not their subtrees). */
    static Set<UUID> namedAgencies(CurrentUser user, Permission permission) {
        Set<UUID> out = new java.util.HashSet<>();
        if (user.agency() != null) out.add(user.agency().value());
        user.scopeOf(permission).forEach(a -> out.add(a.value()));
        return out;
    }

    record Transition(String to, String comment, String severity, String emergencyPlan, String reason) {
    }

    static final class NotAllowed extends RuntimeException {
        final String state;
        final List<String> allowed;

        NotAllowed(String message, String state, List<String> allowed) {
            super(message);
            this.state = state;
            this.allowed = allowed;
        }
    }

    @Transactional
    void transition(CurrentUser user, UUID id, Transition t, IncidentViews views) {
        IncidentViews.Row row = views.row(id, user);
        List<FieldError> errors = new ArrayList<>();
        IncidentState to = parse(IncidentState.class, t.to(), "to", errors, true);
        if (!errors.isEmpty()) throw new InvalidInputException("Chuyển trạng thái chưa hợp lệ.", errors);
        IncidentState from = IncidentState.valueOf(jdbc.sql("SELECT state FROM incident WHERE id = :id FOR UPDATE")
                .param("id", id).query(String.class).single());
        if (!from.next().contains(to)) {
            throw new NotAllowed("Không thể chuyển từ " + from + " sang " + to + " (transition not allowed).",
                    from.name(), from.next().stream().map(Enum::name).toList());
        }
        boolean coordinator = views.isCoordinator(user, id);
        if (to.coordinatorStep() ? !coordinator : !(coordinator || views.isResponder(user, row))) {
            throw new AccessDeniedException(to.coordinatorStep()
                    ? "Chỉ cơ quan điều phối quốc gia thực hiện bước này (QĐ05 Điều 14.2; TT20 Điều 9.2.b)."
                    : "Bạn không có quyền ứng cứu sự cố này (INCIDENT_RESPOND over the owner, operator or a recipient).");
        }
        apply(Actor.of(user), row, from, to, t, Instant.now(), views);
    }

    /** Applies an allowed transition (the caller checked who may take it). */
    @Transactional
    void apply(Actor actor, IncidentViews.Row row, IncidentState from, IncidentState to, Transition t, Instant now,
               IncidentViews views) {
        UUID id = row.id();
        List<FieldError> errors = new ArrayList<>();
        String comment = trim(t.comment());
        if (to == IncidentState.CLASSIFIED) {
            Severity severity = parse(Severity.class, t.severity(), "severity", errors, true);
            EmergencyPlan plan = parse(EmergencyPlan.class, t.emergencyPlan(), "emergencyPlan", errors, false);
            if (severity == Severity.SERIOUS && plan == null) plan = views.proposedPlan(row);
            if (severity == Severity.NORMAL && plan != null) {
                errors.add(new FieldError("emergencyPlan", "Chỉ sự cố nghiêm trọng có phương án ứng cứu khẩn cấp "
                        + "(QĐ05 Điều 10) (only SERIOUS incidents have an emergency plan)."));
            }
            if (!errors.isEmpty()) throw new InvalidInputException("Phân loại chưa hợp lệ.", errors);
            jdbc.sql("""
                            UPDATE incident SET severity = :severity, emergency_plan = :plan, severity_decided_by = :by,
                                severity_decided_at = :now, severity_reason = :reason WHERE id = :id""")
                    .param("severity", severity.name())
                    .param("plan", plan == null ? null : plan.name(), java.sql.Types.VARCHAR)
                    .param("by", actor.name()).param("now", Timestamp.from(now))
                    .param("reason", trim(t.reason()), java.sql.Types.VARCHAR).param("id", id).update();
            String decision = "Phân loại: " + severity.labelVi() + (plan == null ? "" : ", " + plan.labelVi())
                    + " (đề xuất của hệ thống: " + row.proposedSeverity().labelVi() + "; QĐ05 Điều 9-10)"
                    + (trim(t.reason()) == null ? "" : ". Lý do: " + trim(t.reason()));
            comment = comment == null ? decision : decision + ". " + comment;
        }
        if (to == IncidentState.CLOSED) {
            boolean finalIn = jdbc.sql("SELECT EXISTS (SELECT 1 FROM incident_report WHERE incident_id = :id "
                    + "AND type = 'FINAL')").param("id", id).query(Boolean.class).single();
            if (!finalIn) {
                throw new ConflictException("Chỉ đóng sự cố sau khi nhận báo cáo kết thúc (Mẫu 04) theo Thông tư "
                        + "20/2017/TT-BTTTT Điều 9.2.b (the final report has not been received).");
            }
            jdbc.sql("UPDATE incident SET closed_at = :now WHERE id = :id").param("now", Timestamp.from(now))
                    .param("id", id).update();
        }
        if (to == IncidentState.RECOVERED) {
            jdbc.sql("UPDATE incident SET response_ended_at = :now WHERE id = :id").param("now", Timestamp.from(now))
                    .param("id", id).update();
            boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM incident_deadline WHERE incident_id = :id "
                    + "AND kind = 'FINAL_REPORT')").param("id", id).query(Boolean.class).single();
            boolean finalIn = jdbc.sql("SELECT EXISTS (SELECT 1 FROM incident_report WHERE incident_id = :id "
                    + "AND type = 'FINAL')").param("id", id).query(Boolean.class).single();
            if (!exists) deadline(id, Deadlines.Kind.FINAL_REPORT, null, now.plus(Deadlines.FINAL_REPORT),
                    finalIn ? now : null);
        }
        jdbc.sql("UPDATE incident SET state = :to, version = version + 1 WHERE id = :id")
                .param("to", to.name()).param("id", id).update();
        event(id, now, actor, "TRANSITION", from, to, comment);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", AuditEntry.change(from.name(), to.name()));
        AuditEntry entry = AuditEntry.success("incident.transition", "incident", id, row.reporterAgency(), details);
        if (actor.userId() == null) audit.recordFor(null, "system", entry); else audit.record(entry);
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldError> errors,
                                       boolean required) {
        if (value == null || value.isBlank()) {
            if (required) errors.add(new FieldError(field, "Trường này là bắt buộc (" + field + " is required)."));
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "Giá trị '" + value + "' không hợp lệ; chọn một trong "
                    + Arrays.toString(type.getEnumConstants()) + " (invalid value)."));
            return null;
        }
    }
}
