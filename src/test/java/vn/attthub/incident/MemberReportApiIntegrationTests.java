package vn.attthub.incident;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Agency;
import vn.attthub.TestCallers.Caller;
import vn.attthub.document.DemoCertificateAuthority;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.Role;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.attthub.incident.IncidentFixtures.json;
import static vn.attthub.incident.IncidentFixtures.notice;

/** Network members' Form 05 reports (Circular 20/2017 Art 6.1.c): draft, file, clocks, visibility, reminders. */
@IntegrationTest
class MemberReportApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoCertificateAuthority ca;
    @Autowired
    MemberReportReminders reminders;
    IncidentFixtures f;
    Caller memberUser;
    Caller coordinator;

    @BeforeEach
    void setUp() {
        f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        // the hosting provider is a network member (QD05 Art 7.1.d) and receives notices about the system
        f.role(f.provider.id(), "IR_NETWORK_MEMBER", null);
        memberUser = f.callers.caller(f.provider, Role.SECURITY_OFFICER);
        coordinator = f.coordinatorUser();
    }

    String incident() {
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(3).withNano(0).toString();
        var r = f.callers.postJson("/api/v1/incidents", f.callers.caller(f.owner, Role.SYSTEM_OPERATOR).token(),
                notice(f.system, "AMBER", false, at));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    static String filing(Agency agency, int year, String period) {
        return "{\"agencyId\":\"" + agency.id() + "\",\"year\":" + year + ",\"period\":\"" + period + "\","
                + "\"generalSituation\":\"Trong kỳ ghi nhận một vụ DDoS.\",\"proposals\":\"Tăng cường lọc lưu lượng\"}";
    }

    @Test
    void aMemberDraftsFromItsCasesAndFilesASignedReportTheCoordinatorSees() {
        incident();
        MemberReports.Period p = MemberReports.Period.current(LocalDate.now(Incidents.ZONE));
        String q = "?agencyId=" + f.provider.id() + "&year=" + p.year() + "&period=" + p.kind();
        var draft = f.callers.get("/api/v1/member-reports/draft" + q, memberUser.token());
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(200);
        JsonNode d = json(draft);
        assertThat(d.get("figures").get("cases").asLong()).isEqualTo(1);
        assertThat(d.get("figures").get("notificationsReceived").asLong()).isEqualTo(1);
        assertThat(d.get("figures").get("byCategory").get(0).get("key").asString()).isEqualTo("availability/ddos");
        assertThat(d.get("status").asString()).isEqualTo("PENDING");
        assertThat(d.get("legalBasis").asString()).contains("Điều 6.1.c");
        assertThat(d.get("content").get("generalSituation").asString()).contains("1 sự cố");

        // no signing key: refused like incident reports
        var noKey = f.callers.postJson("/api/v1/member-reports", memberUser.token(), filing(f.provider, p.year(), p.kind().name()));
        assertThat(noKey.statusCode()).as(noKey.body()).isEqualTo(409);
        ca.issueFor(AgencyId.of(f.provider.id()));
        var bad = f.callers.postJson("/api/v1/member-reports", memberUser.token(),
                "{\"agencyId\":\"" + f.provider.id() + "\",\"year\":1990,\"period\":\"QUARTER\"}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("year", "period", "generalSituation");

        var filed = f.callers.postJson("/api/v1/member-reports", memberUser.token(), filing(f.provider, p.year(), p.kind().name()));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        JsonNode r = json(filed);
        String id = r.get("id").asString();
        assertThat(r.get("status").asString()).isEqualTo("ON_TIME");
        assertThat(r.get("version").asInt()).isEqualTo(1);
        assertThat(r.get("figures").get("cases").asLong()).isEqualTo(1);
        var pdf = f.callers.get("/api/v1/member-reports/" + id + "/pdf", memberUser.token());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).contains("pdf");
        var again = f.callers.postJson("/api/v1/member-reports", memberUser.token(), filing(f.provider, p.year(), p.kind().name()));
        assertThat(json(again).get("version").asInt()).isEqualTo(2);

        // the coordinator sees it; a user of another province does not
        assertThat(f.callers.get("/api/v1/member-reports/" + id, coordinator.token()).statusCode()).isEqualTo(200);
        Agency other = f.callers.agency(f.root, "PROVINCE", "Tỉnh khác (báo cáo thành viên)");
        assertThat(f.callers.get("/api/v1/member-reports/" + id, f.callers.caller(other, Role.INCIDENT_RESPONDER).token())
                .statusCode()).isEqualTo(404);
        var overview = json(f.callers.get("/api/v1/member-reports?year=" + p.year() + "&period=" + p.kind(), coordinator.token()));
        assertThat(overview.get("coordinator").asBoolean()).isTrue();
        boolean found = false;
        for (JsonNode i : overview.get("items")) {
            if (i.get("agencyId").asString().equals(f.provider.id().toString())) {
                found = true;
                assertThat(i.get("status").asString()).isEqualTo("ON_TIME");
                assertThat(i.get("latestVersion").asInt()).isEqualTo(2);
            }
        }
        assertThat(found).isTrue();
        // the member's own overview shows only what it may see
        var own = json(f.callers.get("/api/v1/member-reports?year=" + p.year() + "&period=" + p.kind(), memberUser.token()));
        assertThat(own.get("coordinator").asBoolean()).isFalse();
        assertThat(own.get("items")).hasSize(1);
    }

    @Test
    void aPastPeriodIsOverdueUntilFiledThenLateAndNonMembersAreRefused() {
        ca.issueFor(AgencyId.of(f.provider.id()));
        int last = LocalDate.now(Incidents.ZONE).getYear() - 1;
        var overview = json(f.callers.get("/api/v1/member-reports?year=" + last + "&period=HALF_YEAR", coordinator.token()));
        String before = null;
        for (JsonNode i : overview.get("items")) {
            if (i.get("agencyId").asString().equals(f.provider.id().toString())) before = i.get("status").asString();
        }
        assertThat(before).isEqualTo("OVERDUE");
        var filed = f.callers.postJson("/api/v1/member-reports", memberUser.token(), filing(f.provider, last, "HALF_YEAR"));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        assertThat(json(filed).get("status").asString()).isEqualTo("LATE");
        // the owner department holds no IR_NETWORK_MEMBER role: no report duty
        var notMember = f.callers.get("/api/v1/member-reports/draft?agencyId=" + f.owner.id() + "&year=" + last
                + "&period=HALF_YEAR", f.callers.caller(f.owner, Role.SECURITY_OFFICER).token());
        assertThat(notMember.statusCode()).as(notMember.body()).isEqualTo(409);
        // a member's report cannot be filed by a user outside it
        var foreign = f.callers.postJson("/api/v1/member-reports", f.callers.caller(f.owner, Role.SECURITY_OFFICER).token(),
                filing(f.provider, last, "HALF_YEAR"));
        assertThat(foreign.statusCode()).isEqualTo(404);
        var missing = f.callers.get("/api/v1/member-reports/draft?year=" + last, memberUser.token());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("agencyId");
    }

    @Test
    void aReminderGoesOnceToMembersThatHaveNotFiled() {
        Instant tenDaysBefore = OffsetDateTime.parse("2027-06-10T09:00:00+07:00").toInstant();
        assertThat(reminders.remind(tenDaysBefore)).isPositive();
        reminders.remind(tenDaysBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE template = 'member-report-reminder' AND agency_id = ? "
                        + "AND dedup_key LIKE '%:2027:HALF_YEAR'")
                .param(f.provider.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT body FROM notification WHERE template = 'member-report-reminder' AND agency_id = ? "
                        + "AND dedup_key LIKE '%:2027:HALF_YEAR'")
                .param(f.provider.id()).query(String.class).single()).contains("Điều 6.1.c", "06 tháng 2027");
        // (the scheduled job may also have reminded about the period due today: other keys, not counted here)
        // a month before the due date nothing is sent yet
        assertThat(reminders.remind(OffsetDateTime.parse("2027-05-01T09:00:00+07:00").toInstant())).isZero();
    }
}
