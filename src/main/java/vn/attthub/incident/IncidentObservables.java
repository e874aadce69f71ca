package vn.attthub.incident;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.GroupCommit;
import vn.attthub.shared.Ids;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.Permission;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Observables of incidents as deduplicated rows (issue 4 §3): each is stored once per (incident, type, canonical
 * value) in the form {@link ObservableValue} gives, with the value as entered, its own TLP marking, who added it and
 * when. The same value in other cases is counted for the caller ("seen in N other incidents") only over cases and
 * items the caller may see ({@link IncidentViews#itemVisible}): a TLP:RED case or item of which the caller is not a
 * named recipient is never counted, listed or hinted at.
 * <p>
 * Input policy (documented in docs/incidents-api.md): API input names the type; a value that does not fit its type
 * is a 400 at {@code observables[i].value}. The notice form's free text is never refused or lost: each line's type is
 * guessed with {@link ObservableValue} and a line that fits no type is kept as OTHER.
 */
@Component
class IncidentObservables {
    static final List<String> TYPES = List.of("IP", "DOMAIN", "URL", "FILE_HASH", "EMAIL", "OTHER");
    static final int MAX_LENGTH = 2048;
    /** A canonical value is indexed (btree rows are limited to ~2.7 kB): at most this many UTF-8 bytes. */
    static final int MAX_BYTES = 2000;
    private static final Pattern HEX = Pattern.compile("^[0-9A-Fa-f]+$");
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final AuditLog audit;
    private final GroupCommit.Writer<NewObservables> newObservables = this::writeNew;

    IncidentObservables(JdbcClient jdbc, NamedParameterJdbcTemplate named, AuditLog audit) {
        this.jdbc = jdbc;
        this.named = named;
        this.audit = audit;
    }

    record AddRequest(List<Incidents.Observable> observables) {
    }

    /**
     * Adds observables to a case (API input, strict: a value that does not fit its type is a 400 at
     * {@code observables[i].value}) for the case's reporter side, responders or coordinator; returns the case's list.
     */
    @Transactional
    List<View> add(CurrentUser user, UUID incident, AddRequest body, IncidentViews views, Incidents incidents) {
        IncidentViews.Row row = editable(user, incident, views);
        List<FieldError> errors = new ArrayList<>();
        if (body == null || body.observables() == null || body.observables().isEmpty()) {
            errors.add(new FieldError("observables", "Nhập ít nhất một dấu hiệu (at least one observable)."));
        }
        List<Canonical> items = body == null ? List.of() : strict(body.observables(), row.tlp(), "observables", errors);
        if (!errors.isEmpty()) throw new InvalidInputException("Dấu hiệu chưa hợp lệ (invalid observables).", errors);
        return added(user, row, items, views, incidents);
    }

    /** The workspace's free text, one value a line: guessed, OTHER when nothing fits (never refused, never lost). */
    @Transactional
    List<View> addText(CurrentUser user, UUID incident, String text, String tlp, IncidentViews views,
                       Incidents incidents) {
        IncidentViews.Row row = editable(user, incident, views);
        List<FieldError> errors = new ArrayList<>();
        Tlp marking = Incidents.trim(tlp) == null ? row.tlp() : Incidents.parse(Tlp.class, tlp, "tlp", errors, false);
        List<Canonical> items = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) items.add(guess(line, marking == null ? row.tlp() : marking));
            }
        }
        if (items.isEmpty()) errors.add(new FieldError("observables", "Nhập ít nhất một dấu hiệu, mỗi dòng một giá trị."));
        if (!errors.isEmpty()) throw new InvalidInputException("Dấu hiệu chưa hợp lệ (invalid observables).", errors);
        return added(user, row, items, views, incidents);
    }

    /** Who may add: the case's reporter side, its responders or its coordinator (a shared agency only reads). */
    static boolean mayAdd(CurrentUser user, IncidentViews.Row row, IncidentViews views) {
        return views.isResponder(user, row) || views.canReport(user, row) || views.isCoordinator(user, row.id());
    }

    private static IncidentViews.Row editable(CurrentUser user, UUID incident, IncidentViews views) {
        IncidentViews.Row row = views.row(incident, user);
        if (!mayAdd(user, row, views)) {
            throw new AccessDeniedException("Bạn không có quyền cập nhật sự cố " + row.reference()
                    + " (INCIDENT_REPORT or INCIDENT_RESPOND over the incident, or its coordinator).");
        }
        return row;
    }

    private List<View> added(CurrentUser user, IncidentViews.Row row, List<Canonical> items, IncidentViews views,
                             Incidents incidents) {
        UUID incident = row.id();
        Instant now = Instant.now();
        Incidents.Actor actor = Incidents.Actor.of(user);
        List<Canonical> added = store(incident, items, actor, now);
        if (!added.isEmpty()) {
            incidents.event(incident, now, actor, "OBSERVABLES_ADDED", null, null, "Thêm " + added.size()
                    + " dấu hiệu: " + String.join(", ", added.stream().limit(10)
                    .map(c -> typeVi(c.type()) + " " + c.value() + " (" + TlpRules.label(c.tlp()) + ")").toList())
                    + (added.size() > 10 ? ", …" : "") + ".");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("added", added.stream().map(c -> c.type() + ":" + c.value()).toList());
            audit.record(AuditEntry.success("incident.observables.added", "incident", incident, row.reporterAgency(),
                    details));
        }
        return list(user, incident, views.access(incident, user));
    }

    /** A canonical observable ready to store. */
    record Canonical(String type, String value, String raw, String hashAlgorithm, Tlp tlp) {
    }

    static String typeVi(String type) {
        return switch (type) {
            case "IP" -> "Địa chỉ IP";
            case "DOMAIN" -> "Tên miền";
            case "URL" -> "URL";
            case "FILE_HASH" -> "Mã băm tệp";
            case "EMAIL" -> "E-mail";
            default -> "Khác";
        };
    }

    /** The canonical form for a known type; {@link ObservableValue.Invalid} when the value does not fit. */
    static Canonical canonical(String type, String raw, Tlp tlp) {
        String t = type.strip().toUpperCase(Locale.ROOT);
        String v = raw == null ? null : raw.strip();
        if (v == null || v.isEmpty()) throw new ObservableValue.Invalid("Giá trị là bắt buộc (value is required).");
        if (v.length() > MAX_LENGTH || v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ObservableValue.Invalid("Giá trị quá dài: tối đa " + MAX_BYTES + " byte UTF-8 (at most "
                    + MAX_BYTES + " bytes).");
        }
        if ("OTHER".equals(t)) return new Canonical(t, v, v, null, tlp);
        ObservableValue o = ObservableValue.of(t, v);
        return new Canonical(o.type(), o.value(), v, o.hashAlgorithm(), tlp);
    }

    /**
     * API input: every item names its type; errors go to {@code prefix[i].type|value|tlp}. Items without a marking
     * take {@code defaultTlp} (the case's).
     */
    static List<Canonical> strict(List<Incidents.Observable> in, Tlp defaultTlp, String prefix, List<FieldError> errors) {
        List<Canonical> out = new ArrayList<>();
        if (in == null) return out;
        if (in.size() > 500) {
            errors.add(new FieldError(prefix, "Tối đa 500 dấu hiệu (at most 500 observables)."));
            return out;
        }
        for (int i = 0; i < in.size(); i++) {
            Incidents.Observable o = in.get(i);
            String p = prefix + "[" + i + "]";
            if (o == null || Incidents.trim(o.value()) == null) {
                errors.add(new FieldError(p + ".value", "Giá trị là bắt buộc (value is required)."));
                continue;
            }
            String type = o.type() == null ? null : o.type().strip().toUpperCase(Locale.ROOT);
            if (type == null || !TYPES.contains(type)) {
                errors.add(new FieldError(p + ".type", "Loại phải là một trong " + TYPES + " (invalid type)."));
                continue;
            }
            Tlp tlp = o.tlp() == null ? defaultTlp : Incidents.parse(Tlp.class, o.tlp(), p + ".tlp", errors, false);
            if (tlp == null) continue;
            try {
                out.add(canonical(type, o.value(), tlp));
            } catch (ObservableValue.Invalid e) {
                errors.add(new FieldError(p + ".value", e.getMessage()));
            }
        }
        return out;
    }

    /** Free text (one value): the type that fits, tried in the order the shape suggests; OTHER when none fits. */
    static Canonical guess(String raw, Tlp tlp) {
        String v = raw.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        List<String> order = new ArrayList<>();
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) order.add("URL");
        if (v.contains("@")) order.add("EMAIL");
        if (HEX.matcher(v).matches() && (v.length() == 32 || v.length() == 40 || v.length() == 64)) order.add("FILE_HASH");
        order.add("IP");
        order.add("DOMAIN");
        for (String t : order) {
            try {
                return canonical(t, v, tlp);
            } catch (ObservableValue.Invalid e) {
                // try the next type
            }
        }
        return new Canonical("OTHER", fit(v), v, null, tlp);
    }

    /** The longest prefix of {@code v} (whole code points) within {@link #MAX_BYTES}; the full text stays in raw. */
    static String fit(String v) {
        int bytes = 0;
        int end = 0;
        while (end < v.length()) {
            int cp = v.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_BYTES) break;
            bytes += size;
            end += Character.charCount(cp);
        }
        return v.substring(0, end);
    }

    /** Stored values (alerts validated at intake, older rows): the declared type when the value fits it, else OTHER. */
    static List<Canonical> lenient(List<Incidents.Observable> in, Tlp defaultTlp) {
        List<Canonical> out = new ArrayList<>();
        if (in == null) return out;
        for (Incidents.Observable o : in) {
            if (o == null || Incidents.trim(o.value()) == null) continue;
            Tlp tlp = defaultTlp;
            if (o.tlp() != null) {
                try {
                    tlp = Tlp.valueOf(o.tlp().strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    tlp = defaultTlp;
                }
            }
            String type = o.type() == null ? "" : o.type().strip().toUpperCase(Locale.ROOT);
            try {
                out.add(canonical(TYPES.contains(type) ? type : "OTHER", o.value(), tlp));
            } catch (ObservableValue.Invalid e) {
                out.add(guess(o.value(), tlp));
            }
        }
        return out;
    }

    /** Observables of one case from parallel arrays, in the order given; a value already on the case is kept. */
    private static final String INSERT = """
            INSERT INTO incident_observable (id, incident_id, type, value, raw_value, hash_algorithm, tlp, added_by,
                                             added_by_user, added_at)
            SELECT o.id, :incident, o.type, o.value, o.raw, o.algorithm, o.tlp, :by, :user, :now
            FROM unnest(CAST(:ids AS uuid[]), CAST(:types AS varchar[]), CAST(:values AS text[]),
                        CAST(:raws AS text[]), CAST(:algorithms AS varchar[]), CAST(:tlps AS varchar[]))
                 WITH ORDINALITY AS o(id, type, value, raw, algorithm, tlp, n)
            ORDER BY o.n
            ON CONFLICT (incident_id, type, value) DO NOTHING""";

    /**
     * Stores the observables (a value already on the case is kept as it is) in one statement; returns the newly added
     * ones, in the order given.
     */
    List<Canonical> store(UUID incident, List<Canonical> items, Incidents.Actor actor, Instant now) {
        if (items.isEmpty()) return List.of();
        java.util.Set<Candidate> inserted = new java.util.HashSet<>();
        List<Stored> rows = items.stream().map(c -> new Stored(Ids.next(), c, actor.name(), now)).toList();
        jdbc.sql(INSERT + " RETURNING type, value").paramSource(insertParams(incident, rows, actor.userId()))
                .query(rs -> {
                    inserted.add(new Candidate(rs.getString(1), rs.getString(2)));
                });
        List<Canonical> added = new ArrayList<>();
        for (Canonical c : items) {
            if (inserted.remove(new Candidate(c.type(), c.value()))) added.add(c); // a value given twice counts once
        }
        return added;
    }

    /** An observable of a new notice, as {@link #storeNew} writes it. */
    record Stored(UUID id, Canonical value, String addedBy, Instant addedAt) {
    }

    private record NewObservables(UUID incident, List<Stored> items, UUID addedByUser) {
    }

    /**
     * The observables of a notice being filed: the first of each (type, value), written through {@link GroupCommit}
     * (in the caller's transaction or the notice's group commit). Returns them as written.
     */
    List<Stored> storeNew(UUID incident, List<Canonical> items, Incidents.Actor actor, Instant now) {
        if (items.isEmpty()) return List.of();
        Map<Candidate, Stored> first = new LinkedHashMap<>();
        for (Canonical c : items) {
            first.putIfAbsent(new Candidate(c.type(), c.value()), new Stored(Ids.next(), c, actor.name(), now));
        }
        List<Stored> stored = List.copyOf(first.values());
        GroupCommit.write(newObservables, new NewObservables(incident, stored, actor.userId()));
        return stored;
    }

    /** The observables of many new notices: one JDBC batch, one statement per notice. */
    private void writeNew(List<NewObservables> notices) {
        named.batchUpdate(INSERT, notices.stream().map(n -> insertParams(n.incident(), n.items(), n.addedByUser()))
                .toArray(SqlParameterSource[]::new));
    }

    /** The parameters of {@link #INSERT}: the observables of one case, added by one actor at one moment. */
    private static MapSqlParameterSource insertParams(UUID incident, List<Stored> items, UUID addedByUser) {
        return new MapSqlParameterSource()
                .addValue("incident", incident)
                .addValue("ids", items.stream().map(Stored::id).toArray(UUID[]::new))
                .addValue("types", items.stream().map(o -> o.value().type()).toArray(String[]::new))
                .addValue("values", items.stream().map(o -> o.value().value()).toArray(String[]::new))
                .addValue("raws", items.stream().map(o -> o.value().raw()).toArray(String[]::new))
                .addValue("algorithms", items.stream().map(o -> o.value().hashAlgorithm()).toArray(String[]::new))
                .addValue("tlps", items.stream().map(o -> o.value().tlp().name()).toArray(String[]::new))
                .addValue("by", items.get(0).addedBy())
                .addValue("user", addedByUser, java.sql.Types.OTHER)
                .addValue("now", Timestamp.from(items.get(0).addedAt()));
    }

    record View(UUID id, String type, String typeVi, String value, String rawValue, String hashAlgorithm, String tlp,
                String addedBy, Instant addedAt, long seenInOtherIncidents) {
    }

    private static Map<String, Object> params(CurrentUser user) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("scopeRoots", IncidentViews.roots(user));
        p.put("named", Incidents.namedAgencies(user, Permission.INCIDENT_READ).toArray(UUID[]::new));
        return p;
    }

    /**
     * The case's observables the caller may see ({@code access} from {@link IncidentViews#access}), each with the number
     * of other cases the caller may see that hold the same value. The visibility rule is a large predicate (costly to
     * plan), so it runs only for values another case holds at all, found by a cheap look-up first: a new notice with
     * new values (the common case at intake) costs one plain query.
     */
    List<View> list(CurrentUser user, UUID incident, IncidentViews.Access access) {
        List<Row> rows = jdbc.sql("""
                        SELECT o.id, o.type, o.value, o.raw_value, o.hash_algorithm, o.tlp, o.added_by, o.added_at,
                               EXISTS (SELECT 1 FROM incident_observable x WHERE x.value = o.value AND x.type = o.type
                                       AND x.incident_id <> o.incident_id) AS shared
                        FROM incident_observable o WHERE o.incident_id = :id
                        ORDER BY o.added_at, o.type COLLATE "C", o.value COLLATE "C"
                        """).param("id", incident)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("value"),
                        rs.getString("raw_value"), rs.getString("hash_algorithm"), rs.getString("tlp"),
                        rs.getString("added_by"), rs.getTimestamp("added_at").toInstant(), rs.getBoolean("shared")))
                .list().stream().filter(r -> access.maySee(Tlp.valueOf(r.tlp()))).toList();
        return withCounts(user, incident, rows);
    }

    /**
     * {@link #list} of a notice being filed, from what {@link #storeNew} gave to be written (it may not be written
     * yet: a group commit writes it with the answer), in the same order.
     */
    List<View> listNew(CurrentUser user, UUID incident, List<Stored> stored, IncidentViews.Access access) {
        List<Stored> visible = stored.stream().filter(o -> access.maySee(o.value().tlp()))
                .sorted(java.util.Comparator.comparing((Stored o) -> o.value().type())
                        .thenComparing(o -> o.value().value()))
                .toList();
        if (visible.isEmpty()) return List.of();
        java.util.Set<Candidate> elsewhere = new java.util.HashSet<>();
        jdbc.sql("""
                        SELECT DISTINCT x.type, x.value FROM incident_observable x
                         WHERE (x.value, x.type) IN (SELECT * FROM unnest(CAST(:values AS text[]),
                                                                          CAST(:types AS varchar[])))
                           AND x.incident_id <> :id""")
                .param("id", incident)
                .param("values", visible.stream().map(o -> o.value().value()).toArray(String[]::new))
                .param("types", visible.stream().map(o -> o.value().type()).toArray(String[]::new))
                .query(rs -> {
                    elsewhere.add(new Candidate(rs.getString(1), rs.getString(2)));
                });
        return withCounts(user, incident, visible.stream().map(o -> new Row(o.id(), o.value().type(),
                o.value().value(), o.value().raw(), o.value().hashAlgorithm(), o.value().tlp().name(), o.addedBy(),
                o.addedAt(), elsewhere.contains(new Candidate(o.value().type(), o.value().value())))).toList());
    }

    /** An observable as listed; {@code shared} when another case holds the same value. */
    private record Row(UUID id, String type, String value, String raw, String algorithm, String tlp, String addedBy,
                       Instant addedAt, boolean shared) {
    }

    /** The views of {@code rows}, each with the number of other cases the caller may see that hold its value. */
    private List<View> withCounts(CurrentUser user, UUID incident, List<Row> rows) {
        List<Row> shared = rows.stream().filter(Row::shared).toList();
        Map<Candidate, Long> seen = new java.util.HashMap<>();
        if (!shared.isEmpty()) {
            var q = jdbc.sql("""
                            SELECT x.type, x.value, count(*) FROM incident_observable x
                              JOIN incident xi ON xi.id = x.incident_id
                             WHERE (x.type, x.value) IN (SELECT * FROM unnest(CAST(:types AS varchar[]),
                                                                              CAST(:values AS text[])))
                               AND x.incident_id <> :id AND """ + IncidentViews.itemVisible("xi", "x.tlp") + """
                             GROUP BY x.type, x.value""")
                    .param("id", incident)
                    .param("types", shared.stream().map(Row::type).toArray(String[]::new))
                    .param("values", shared.stream().map(Row::value).toArray(String[]::new));
            for (var e : params(user).entrySet()) q = q.param(e.getKey(), e.getValue());
            q.query(rs -> {
                seen.put(new Candidate(rs.getString(1), rs.getString(2)), rs.getLong(3));
            });
        }
        return rows.stream().map(r -> new View(r.id(), r.type(), typeVi(r.type()), r.value(), r.raw(), r.algorithm(),
                r.tlp(), r.addedBy(), r.addedAt(), seen.getOrDefault(new Candidate(r.type(), r.value()), 0L))).toList();
    }

    record Candidate(String type, String value) {
    }

    record Hit(UUID incidentId, String reference, String title, String state, String stateVi, String incidentTlp,
               Instant reportedAt, UUID observableId, String type, String value, String rawValue, String tlp,
               Instant addedAt) {
    }

    record Search(String query, List<Candidate> canonical, List<Hit> items, long total) {
    }

    /** The canonical forms the query may stand for: each type it fits, and itself as OTHER. */
    static List<Candidate> candidates(String query, String type) {
        List<Candidate> out = new ArrayList<>();
        for (String t : type == null ? TYPES : List.of(type)) {
            try {
                Canonical c = canonical(t, query, Tlp.CLEAR);
                if (out.stream().noneMatch(x -> x.type().equals(c.type()) && x.value().equals(c.value()))) {
                    out.add(new Candidate(c.type(), c.value()));
                }
            } catch (ObservableValue.Invalid e) {
                // the query does not fit this type
            }
        }
        return out;
    }

    /** Cases the caller may see that hold the value (canonicalised, so "EXAMPLE.com." finds "example.com"). */
    Search search(CurrentUser user, String value, String type, UUID except) {
        List<FieldError> errors = new ArrayList<>();
        String q = Incidents.trim(value);
        String t = Incidents.trim(type) == null ? null : type.strip().toUpperCase(Locale.ROOT);
        if (q == null) errors.add(new FieldError("value", "Nhập giá trị cần tìm (value is required)."));
        else if (q.length() > MAX_LENGTH) errors.add(new FieldError("value", "Tối đa " + MAX_LENGTH + " ký tự."));
        if (t != null && !TYPES.contains(t)) {
            errors.add(new FieldError("type", "Loại phải là một trong " + TYPES + " (invalid type)."));
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Tìm dấu hiệu chưa hợp lệ (invalid search).", errors);
        List<Candidate> candidates = candidates(q, t);
        if (candidates.isEmpty()) {
            throw new InvalidInputException("Tìm dấu hiệu chưa hợp lệ (invalid search).", List.of(new FieldError(
                    "value", "Giá trị không phù hợp với loại " + t + " (the value does not fit the type).")));
        }
        StringBuilder match = new StringBuilder("(");
        Map<String, Object> p = params(user);
        for (int i = 0; i < candidates.size(); i++) {
            if (i > 0) match.append(" OR ");
            match.append("(o.type = :t").append(i).append(" AND o.value = :v").append(i).append(")");
            p.put("t" + i, candidates.get(i).type());
            p.put("v" + i, candidates.get(i).value());
        }
        match.append(")");
        String where = " WHERE " + match + " AND " + IncidentViews.itemVisible("i", "o.tlp")
                + (except == null ? "" : " AND i.id <> :except");
        if (except != null) p.put("except", except);
        var count = jdbc.sql("SELECT count(*) FROM incident_observable o JOIN incident i ON i.id = o.incident_id" + where);
        for (var e : p.entrySet()) count = count.param(e.getKey(), e.getValue());
        long total = count.query(Long.class).single();
        var select = jdbc.sql("""
                SELECT i.id AS incident_id, i.reference, i.title, i.state, i.tlp AS incident_tlp, i.reported_at,
                       o.id, o.type, o.value, o.raw_value, o.tlp, o.added_at
                FROM incident_observable o JOIN incident i ON i.id = o.incident_id""" + where
                + " ORDER BY i.reported_at DESC, i.id, o.type LIMIT 200");
        for (var e : p.entrySet()) select = select.param(e.getKey(), e.getValue());
        List<Hit> hits = select.query((rs, n) -> {
            IncidentState st = IncidentState.valueOf(rs.getString("state"));
            return new Hit(rs.getObject("incident_id", UUID.class), rs.getString("reference"), rs.getString("title"),
                    st.name(), st.labelVi(), rs.getString("incident_tlp"), rs.getTimestamp("reported_at").toInstant(),
                    rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("value"),
                    rs.getString("raw_value"), rs.getString("tlp"), rs.getTimestamp("added_at").toInstant());
        }).list();
        return new Search(q, candidates, hits, total);
    }
}
