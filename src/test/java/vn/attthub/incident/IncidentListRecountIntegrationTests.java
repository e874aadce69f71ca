package vn.attthub.incident;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.TestCallers.Caller;
import vn.attthub.shared.Role;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.attthub.incident.IncidentFixtures.json;
import static vn.attthub.incident.IncidentFixtures.notice;

/**
 * The list's agency filter, a province-scoped caller's list, the overdue filter and the coordinator board read
 * {@code incident_agency} (V113: the ancestors of every party, kept by triggers) instead of comparing paths. Their
 * answers must equal a plain recount by path over the incidents themselves (the rule before V113), also after a
 * subtree moves to another province.
 */
@IntegrationTest
class IncidentListRecountIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    /** incident_agency holds exactly: every agency on the path of the reporter, owner, operator and each recipient. */
    void ancestorsMatchARecount() {
        List<Map<String, Object>> diff = jdbc.sql("""
                WITH parties AS (
                  SELECT id AS incident_id, reported_at, reporter_agency_id AS agency_id FROM incident
                  UNION SELECT id, reported_at, owner_id FROM incident WHERE owner_id IS NOT NULL
                  UNION SELECT id, reported_at, operator_id FROM incident WHERE operator_id IS NOT NULL
                  UNION SELECT r.incident_id, i.reported_at, r.agency_id
                        FROM incident_recipient r JOIN incident i ON i.id = r.incident_id),
                recount AS (
                  SELECT DISTINCT anc.id AS ancestor_id, p.reported_at, p.incident_id
                  FROM parties p JOIN agency a ON a.id = p.agency_id JOIN agency anc ON a.path LIKE anc.path || '%'),
                kept AS (SELECT ancestor_id, reported_at, incident_id FROM incident_agency)
                (SELECT * FROM recount EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM recount)""")
                .query().listOfRows();
        assertThat(diff).as("incident_agency differs from a recount by path").isEmpty();
    }

    /** The reporter, owner, operator or a recipient of the case lies in the subtree (by path, as before V113). */
    static final String PARTY_IN_SUBTREE = """
            (EXISTS (SELECT 1 FROM agency pa WHERE pa.id IN (i.reporter_agency_id, i.owner_id, i.operator_id)
                     AND pa.path LIKE (SELECT path FROM agency WHERE id = :subtree) || '%')
             OR EXISTS (SELECT 1 FROM incident_recipient pr JOIN agency pa ON pa.id = pr.agency_id
                        WHERE pr.incident_id = i.id AND pa.path LIKE (SELECT path FROM agency WHERE id = :subtree) || '%'))""";

    static final String OVERDUE = """
            EXISTS (SELECT 1 FROM incident_deadline d WHERE d.incident_id = i.id AND d.satisfied_at IS NULL
                    AND d.due_at < now())""";

    /** Ids of the incidents matching {@code condition} in list order ({@code order}), recounted in plain SQL. */
    List<String> recount(String condition, UUID subtree, String order) {
        return jdbc.sql("SELECT i.id FROM incident i WHERE " + condition + " ORDER BY " + order)
                .param("subtree", subtree).query(UUID.class).list().stream().map(UUID::toString).toList();
    }

    List<String> ids(TestCallers callers, String query, Caller caller) {
        var r = callers.get("/api/v1/incidents?" + query, caller.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(r).get("items").forEach(i -> ids.add(i.get("id").asString()));
        return ids;
    }

    static final String NEWEST = "i.reported_at DESC, i.id";
    static final String OLDEST = "i.reported_at, i.id";
    static final String BY_SEVERITY = "CASE COALESCE(i.severity, i.proposed_severity) WHEN 'SERIOUS' THEN 0 ELSE 1 END, "
            + "i.reported_at DESC, i.id";

    void check(IncidentFixtures f, Agency province, Agency other, Caller coordinator, Caller provinceAdmin) {
        ancestorsMatchARecount();
        for (Agency a : List.of(province, other, f.owner)) {
            // The coordinator (named as a recipient of every case) sees every case: the agency filter alone.
            assertThat(ids(f.callers, "size=200&agencyId=" + a.id(), coordinator))
                    .as("agencyId=%s", a.code()).isEqualTo(recount(PARTY_IN_SUBTREE, a.id(), NEWEST));
            assertThat(ids(f.callers, "size=200&sort=reportedAt&agencyId=" + a.id(), coordinator))
                    .isEqualTo(recount(PARTY_IN_SUBTREE, a.id(), OLDEST));
            assertThat(ids(f.callers, "size=200&overdue=true&agencyId=" + a.id(), coordinator))
                    .as("overdue, agencyId=%s", a.code())
                    .isEqualTo(recount(PARTY_IN_SUBTREE + " AND " + OVERDUE, a.id(), NEWEST));
            assertThat(ids(f.callers, "size=200&category=malicious-code/infected-system&agencyId=" + a.id(), coordinator))
                    .isEqualTo(recount(PARTY_IN_SUBTREE + " AND i.category = 'malicious-code/infected-system'", a.id(),
                            NEWEST));
        }
        // A province-scoped caller: every non-RED case with a party in the province (none of these has an order or
        // a share, and the province is named on none, so the RED ones stay hidden).
        String visible = "i.tlp <> 'RED' AND " + PARTY_IN_SUBTREE;
        assertThat(ids(f.callers, "size=200", provinceAdmin)).isEqualTo(recount(visible, province.id(), NEWEST));
        assertThat(ids(f.callers, "size=200&overdue=true", provinceAdmin))
                .isEqualTo(recount(visible + " AND " + OVERDUE, province.id(), NEWEST));
        // The board's two lists: open cases by severity (200) and open overdue ones, oldest first (50).
        List<String> open = recount(visible + " AND i.state <> 'CLOSED'", province.id(), BY_SEVERITY);
        List<String> overdue = recount(visible + " AND i.state <> 'CLOSED' AND " + OVERDUE, province.id(), OLDEST);
        assertThat(ids(f.callers, "size=200&open=true&sort=severity", provinceAdmin)).isEqualTo(open);
        assertThat(ids(f.callers, "size=50&open=true&overdue=true&sort=reportedAt", provinceAdmin)).isEqualTo(overdue);
        var board = f.callers.get("/incidents/board", provinceAdmin.token());
        assertThat(board.statusCode()).isEqualTo(200);
        String html = board.body();
        String overdueList = html.contains("id=\"overdue-list\"")
                ? html.substring(html.indexOf("id=\"overdue-list\""), html.indexOf("</ul>", html.indexOf("id=\"overdue-list\"")))
                : "";
        List<String> all = recount("true", null, NEWEST);
        for (String id : all) {
            assertThat(html.contains("/incidents/" + id + "\"")).as("board shows %s", id).isEqualTo(open.contains(id));
            assertThat(overdueList.contains("/incidents/" + id + "\"")).as("overdue list shows %s", id)
                    .isEqualTo(overdue.contains(id));
        }
        assertThat(html).contains(">" + open.size() + "</span>)");
    }

    static String recent(int hoursAgo) {
        return OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(hoursAgo).withNano(0).toString();
    }

    @Test
    void provinceListAgencyFilterOverdueAndBoardEqualARecountAlsoAfterAnAgencyMove() {
        var f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        Agency other = f.callers.agency(f.root, "PROVINCE", "Tỉnh kiểm thử nhận chuyển");
        Agency otherDepartment = f.callers.agency(other, "DEPARTMENT", "Sở kiểm thử nhận chuyển");
        UUID otherSystem = IncidentFixtures.system(jdbc, otherDepartment.id(), otherDepartment.id(), null, 3, false);
        Caller operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        Caller otherOperator = f.callers.caller(otherDepartment, Role.SYSTEM_OPERATOR);
        Caller coordinator = f.coordinatorUser();
        Caller provinceAdmin = f.callers.caller(f.province, Role.AGENCY_ADMIN);

        List<String> filed = new ArrayList<>();
        String[] tlps = {"GREEN", "AMBER", "RED", "CLEAR", "AMBER"};
        for (int n = 0; n < tlps.length; n++) {
            String body = notice(f.system, tlps[n], n % 2 == 0, recent(10 - n));
            if (n % 2 == 1) body = body.replace("availability/ddos", "malicious-code/infected-system");
            var r = f.callers.postJson("/api/v1/incidents", operator.token(), body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            filed.add(json(r).get("id").asString());
        }
        for (int n = 0; n < 3; n++) {
            String body = notice(otherSystem, n == 2 ? "RED" : "GREEN", false, recent(5 - n));
            if (n == 1) body = body.replace("availability/ddos", "malicious-code/infected-system");
            var r = f.callers.postJson("/api/v1/incidents", otherOperator.token(), body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            filed.add(json(r).get("id").asString());
        }
        // Some clocks past due (one case of each province), one case closed.
        for (String id : List.of(filed.get(0), filed.get(3), filed.get(5))) {
            jdbc.sql("UPDATE incident_deadline SET due_at = now() - interval '1 minute' WHERE incident_id = ?::uuid "
                    + "AND kind = 'ACKNOWLEDGEMENT'").param(id).update();
        }
        jdbc.sql("UPDATE incident SET state = 'CLOSED', closed_at = now() WHERE id = ?::uuid").param(filed.get(1)).update();
        check(f, f.province, other, coordinator, provinceAdmin);
        assertThat(ids(f.callers, "size=200&agencyId=" + other.id(), coordinator)).hasSize(3);

        // The owner's department (the reporter, owner and operator of five cases) moves to the other province, as
        // Agencies.moveSubtree does it: its cases now belong to that province too; the IR unit, a recipient, stays.
        String movedPath = other.path() + f.owner.id() + "/";
        jdbc.sql("UPDATE agency SET parent_id = ? WHERE id = ?").params(other.id(), f.owner.id()).update();
        jdbc.sql("UPDATE agency SET path = ? || substr(path, ?) WHERE path LIKE ? || '%'")
                .params(movedPath, f.owner.path().length() + 1, f.owner.path()).update();
        check(f, f.province, other, coordinator, provinceAdmin);
        assertThat(ids(f.callers, "size=200&agencyId=" + other.id(), coordinator)).hasSize(8);

        // A recipient added later (as an escalation might) and a change of the case's owner recompute its rows.
        Agency commune = f.callers.agency(other, "COMMUNE", "Xã kiểm thử");
        jdbc.sql("INSERT INTO incident_recipient (incident_id, agency_id, role, delivered_at) "
                + "VALUES (?::uuid, ?, 'NETWORK_MEMBER', now())").params(filed.get(5), f.province.id()).update();
        jdbc.sql("UPDATE incident SET owner_id = ? WHERE id = ?::uuid").params(commune.id(), filed.get(6)).update();
        check(f, f.province, other, coordinator, provinceAdmin);
        assertThat(ids(f.callers, "size=200&agencyId=" + commune.id(), coordinator)).containsExactly(filed.get(6));
    }

    /**
     * V114: a notice no longer locks agency rows; its triggers take a shared advisory lock and a path change takes it
     * exclusively. A subtree move that starts while a notice's transaction is open waits for its commit and then
     * recomputes that case too, so incident_agency still equals a recount. Without the lock the move would miss the
     * uncommitted case, whose rows would keep the old ancestors.
     */
    @Test
    void aSubtreeMoveWaitsForANoticeInFlightAndThenCountsIt() throws Exception {
        var f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        Agency other = f.callers.agency(f.root, "PROVINCE", "Tỉnh nhận chuyển khi đang tiếp nhận");
        Agency department = f.callers.agency(f.province, "DEPARTMENT", "Sở chuyển khi đang tiếp nhận");
        Caller operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        var filed = f.callers.postJson("/api/v1/incidents", operator.token(), notice(f.system, "GREEN", false, recent(1)));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        UUID incident = UUID.fromString(json(filed).get("id").asString());

        try (Connection notice = dataSource.getConnection(); Connection mover = dataSource.getConnection()) {
            notice.setAutoCommit(false);
            // The department becomes a party of the case inside a transaction that stays open (as a notice's does).
            try (PreparedStatement add = notice.prepareStatement("INSERT INTO incident_recipient (incident_id, "
                    + "agency_id, role, delivered_at) VALUES (?, ?, 'NETWORK_MEMBER', now())")) {
                add.setObject(1, incident);
                add.setObject(2, department.id());
                add.executeUpdate();
            }
            int moverPid = pid(mover);
            CompletableFuture<Integer> move = CompletableFuture.supplyAsync(() -> {
                try (PreparedStatement m = mover.prepareStatement(
                        "UPDATE agency SET path = ? || substr(path, ?) WHERE path LIKE ? || '%'")) {
                    m.setString(1, other.path() + department.id() + "/");
                    m.setInt(2, department.path().length() + 1);
                    m.setString(3, department.path());
                    return m.executeUpdate();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            String waiting = null;
            for (int i = 0; i < 100 && waiting == null; i++) {
                waiting = jdbc.sql("SELECT wait_event FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'")
                        .param(moverPid).query(String.class).optional().orElse(null);
                if (waiting == null) Thread.sleep(50);
            }
            assertThat(waiting).as("the move waits for the notice's transaction").isEqualTo("advisory");
            assertThat(move).isNotDone();
            notice.commit();
            assertThat(move.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        jdbc.sql("UPDATE agency SET parent_id = ? WHERE id = ?").params(other.id(), department.id()).update();
        ancestorsMatchARecount();
        assertThat(jdbc.sql("SELECT count(*) FROM incident_agency WHERE incident_id = ? AND ancestor_id = ?")
                .params(incident, other.id()).query(Long.class).single()).isEqualTo(1);
    }

    static int pid(Connection c) throws java.sql.SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** V13: the registry closes agencies (valid_to) and never deletes one, so every id a case names stays valid. */
    @Test
    void anAgencyCannotBeDeleted() {
        var callers = new TestCallers(jdbc, port);
        Agency unused = callers.agency(callers.root(), "UNIT", "Đơn vị không ai tham chiếu"); // no foreign key stops it
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM agency WHERE id = ?").param(unused.id()).update())
                .hasMessageContaining("agencies are never deleted");
        assertThat(jdbc.sql("SELECT count(*) FROM agency WHERE id = ?").param(unused.id()).query(Long.class).single())
                .isEqualTo(1);
    }
}
