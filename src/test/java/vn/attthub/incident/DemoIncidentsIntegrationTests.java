package vn.attthub.incident;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import vn.attthub.IntegrationTest;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo incidents (docs/demo-data.md) load in their varied states on the demo agencies and systems. */
@IntegrationTest
@TestPropertySource(properties = "attt.demo-data=true")
class DemoIncidentsIntegrationTests {
    @Autowired
    JdbcClient jdbc;

    @Test
    void demoIncidentsCoverTheCaseStates() {
        Map<String, String> states = new HashMap<>();
        jdbc.sql("SELECT title, state || ':' || COALESCE(severity, '-') FROM incident WHERE demo")
                .query((rs, i) -> states.put(rs.getString(1), rs.getString(2))).list();
        assertThat(states).hasSize(5);
        // the fifth is the case promoted from a demo SOC alert (DemoNetworkData)
        assertThat(states.values()).containsExactlyInAnyOrder("RECEIVED:-", "CONTAINED:SERIOUS", "CLOSED:NORMAL",
                "RECEIVED:-", "RECEIVED:-");
        // the phishing notice came 7 days after detection: accepted, marked late (TT20 Art 9.2.a)
        assertThat(jdbc.sql("""
                SELECT d.satisfied_at > d.due_at FROM incident_deadline d JOIN incident i ON i.id = d.incident_id
                WHERE i.demo AND i.category = 'fraud/phishing' AND d.kind = 'NOTICE'""").query(Boolean.class).single())
                .isTrue();
        // the DDoS notice's acknowledgements are overdue and escalated (QD05 Art 12.1.c)
        assertThat(jdbc.sql("""
                SELECT count(*) FROM incident_recipient r JOIN incident i ON i.id = r.incident_id
                WHERE i.demo AND i.category = 'availability/ddos' AND r.escalated_at IS NOT NULL""")
                .query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM incident_report r JOIN incident i ON i.id = r.incident_id WHERE i.demo""")
                .query(Long.class).single()).isEqualTo(2);
        // the national coordinator holding the role today is a recipient of every case
        assertThat(jdbc.sql("""
                SELECT count(DISTINCT r.incident_id) FROM incident_recipient r JOIN agency a ON a.id = r.agency_id
                JOIN incident i ON i.id = r.incident_id WHERE i.demo AND a.code = 'BCA-TTANM'""")
                .query(Long.class).single()).isEqualTo(5);
        // the ransomware case was escalated by Tây Ninh's IR unit to the national coordinator, who leads it now
        assertThat(jdbc.sql("""
                SELECT h.seq || ':' || h.kind || ':' || h.status || ':' || fa.code || '>' || ta.code || ':' || la.code
                FROM incident_handover h JOIN incident i ON i.id = h.incident_id JOIN agency fa ON fa.id = h.from_agency_id
                JOIN agency ta ON ta.id = h.to_agency_id JOIN agency la ON la.id = i.lead_agency_id
                WHERE i.demo""").query(String.class).list())
                .containsExactly("1:ESCALATION:ACCEPTED:T-TAY-NINH-SKHCN>BCA-TTANM:BCA-TTANM");
        // every other demo case is led by the IR unit of the owner's ministry or province
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE demo AND lead_agency_id IS NULL").query(Long.class)
                .single()).isZero();
    }

    @Test
    void demoNetworkDataFillsAlertsLessonsAndMemberReports() {
        // /alerts is not empty: one new, one merged into the DDoS case, one promoted to its own case
        Map<String, String> alerts = new HashMap<>();
        jdbc.sql("SELECT a.status, COALESCE(i.category, '-') FROM alert a LEFT JOIN incident i ON i.id = a.incident_id "
                        + "WHERE a.source = 'SOC-VNPT-IDC'")
                .query((rs, i) -> alerts.put(rs.getString(1), rs.getString(2))).list();
        assertThat(alerts).containsEntry("NEW", "-").containsEntry("MERGED", "availability/ddos")
                .containsEntry("PROMOTED", "intrusions/application-compromise");
        assertThat(jdbc.sql("SELECT count(*) FROM incident_event WHERE kind IN ('ALERT_MERGED', 'ALERT_PROMOTED')")
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
        // a published lesson on the closed phishing case, without the case's identity or observables
        Map<String, Object> lesson = jdbc.sql("""
                SELECT l.published_body, l.published_at, l.category FROM incident_lesson l WHERE l.demo""")
                .query().singleRow();
        assertThat(lesson.get("published_at")).isNotNull();
        assertThat(lesson.get("category")).isEqualTo("fraud/phishing");
        assertThat((String) lesson.get("published_body")).doesNotContain("byt-gov-vn.example", "Bộ Y tế")
                .contains("[tên miền]", "[thư điện tử]", "[cơ quan]", "xác thực hai lớp");
        // the Ministry of Health IT centre filed its Form 05 report, signed with its demo certificate
        Map<String, Object> report = jdbc.sql("""
                SELECT a.code, m.signer_subject FROM member_report m
                JOIN agency a ON a.id = m.agency_id WHERE m.demo""").query().singleRow();
        assertThat(report.get("code")).isEqualTo("BYT-CNTT");
        assertThat(report.get("signer_subject")).isNotNull();
    }
    @Test
    void theRansomwareCaseHasTasksInDifferentStates() {
        Map<String, Object> counts = jdbc.sql("""
                SELECT count(*) FILTER (WHERE t.status = 'DONE') AS done,
                       count(*) FILTER (WHERE t.status = 'IN_PROGRESS') AS in_progress,
                       count(*) FILTER (WHERE t.status = 'OPEN' AND t.due_at < now()) AS open_overdue
                FROM incident_task t JOIN incident i ON i.id = t.incident_id
                WHERE i.demo AND i.category = 'malicious-code/infected-system'""").query().singleRow();
        assertThat(counts).containsEntry("done", 1L).containsEntry("in_progress", 1L).containsEntry("open_overdue", 1L);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM incident_event e JOIN incident i ON i.id = e.incident_id
                WHERE i.demo AND e.kind = 'TASK_CREATED'""").query(Long.class).single()).isEqualTo(3);
    }
}
