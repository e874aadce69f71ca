package vn.attthub.incident;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.attthub.shared.AgencyId;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The legal rules of the incident module, table-driven, each row citing its article. */
class IncidentRulesTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            QD05 Art 9: level 4 + disruption + owner cannot handle → SERIOUS           | 4 | false | SERVICE_DISRUPTION | true  | SERIOUS
            QD05 Art 9: level 5 + loss of control + cannot handle → SERIOUS            | 5 | false | LOSS_OF_CONTROL    | true  | SERIOUS
            QD05 Art 9.1: national list (level 3) + secrets + cannot handle → SERIOUS  | 3 | true  | STATE_SECRET_DISCLOSURE | true | SERIOUS
            QD05 Art 9.2: owner can handle it → NORMAL                                 | 5 | false | SERVICE_DISRUPTION | false | NORMAL
            QD05 Art 9.1: level 3, not on the list → NORMAL                            | 3 | false | DATA_UNRECOVERABLE | true  | NORMAL
            QD05 Art 9.1: level unknown → NORMAL                                       | - | false | CHAIN_EFFECT       | true  | NORMAL
            QD05 Art 9.1: no listed impact declared → NORMAL                           | 4 | false | -                  | true  | NORMAL
            """)
    void severityProposal(String rule, Integer level, boolean nationalList, String impacts, boolean cannotHandle,
                          Severity expected) {
        EnumSet<Impact> set = EnumSet.noneOf(Impact.class);
        if (impacts != null) Arrays.stream(impacts.split(",")).map(Impact::valueOf).forEach(set::add);
        assertThat(SeverityRule.propose(level, nationalList, set, cannotHandle)).as(rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            QD05 Art 10: level 5 → national plan                         | 5 | false | DEPARTMENT | PROVINCE   | NATIONAL
            QD05 Art 10: national list → national plan                   | 4 | true  | UNIT       | MINISTRY   | NATIONAL
            QD05 Art 10: level 4 of a ministry → central-agency plan      | 4 | false | UNIT       | MINISTRY   | CENTRAL_AGENCY
            QD05 Art 10: level 4 of a province → local plan              | 4 | false | DEPARTMENT | PROVINCE   | LOCAL
            QD05 Art 10: level 4 of a centrally-run city → local plan    | 4 | false | DEPARTMENT | CITY       | LOCAL
            QD05 Art 10: level 4 of an enterprise → enterprise plan      | 4 | false | ENTERPRISE | ENTERPRISE | ENTERPRISE
            """)
    void emergencyPlan(String rule, Integer level, boolean national, String ownerKind, String topKind,
                       EmergencyPlan expected) {
        assertThat(EmergencyPlan.propose(level, national, ownerKind, topKind)).as(rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            TT20 Art 9.2.a: notice on day 4 → ON_TIME                   | 2026-03-06T00:00:00Z | 2026-03-05T00:00:00Z | -                    | ON_TIME
            TT20 Art 9.2.a: notice on day 6 is accepted, marked LATE    | 2026-03-06T00:00:00Z | 2026-03-07T00:00:00Z | -                    | LATE
            QD05 Art 12.1.c: unacknowledged before the target → PENDING | 2026-03-06T00:00:00Z | -                    | 2026-03-05T23:00:00Z | PENDING
            QD05 Art 12.1.c: unacknowledged after the target → OVERDUE  | 2026-03-06T00:00:00Z | -                    | 2026-03-06T00:00:01Z | OVERDUE
            TT20 Art 9.2.b: final report exactly at the limit → ON_TIME  | 2026-03-06T00:00:00Z | 2026-03-06T00:00:00Z | -                    | ON_TIME
            """)
    void clockStatus(String rule, String due, String satisfied, String now, Deadlines.Status expected) {
        assertThat(Deadlines.status(Instant.parse(due), satisfied == null ? null : Instant.parse(satisfied),
                now == null ? Instant.parse("2030-01-01T00:00:00Z") : Instant.parse(now))).as(rule).isEqualTo(expected);
    }

    @Test
    void noticeAndFinalReportClocksAreFiveDays() {
        // TT20 Art 9.2.a (notice within 5 days of detection) and Art 9.2.b (final report within 5 days after the end)
        assertThat(Deadlines.NOTICE.toDays()).isEqualTo(5);
        assertThat(Deadlines.FINAL_REPORT.toDays()).isEqualTo(5);
    }

    static AgencyId a(String n) {
        return n == null ? null : AgencyId.of(UUID.nameUUIDFromBytes(n.getBytes()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            QD05 Art 11.5: owner, IR unit, coordinator, hosting provider at once | O | IR | C  | H | SYSTEM_OWNER:O,IR_UNIT:IR,NATIONAL_COORDINATOR:C,NETWORK_MEMBER:H
            QD05 Art 11.5: unknown owner → IR unit and coordinator              | - | IR | C  | - | IR_UNIT:IR,NATIONAL_COORDINATOR:C
            QD05 Art 11.5: owner that is its own IR unit is notified once       | O | O  | C  | - | SYSTEM_OWNER:O,NATIONAL_COORDINATOR:C
            QD05 Art 11.5: hosting provider that is the coordinator             | O | IR | C  | C | SYSTEM_OWNER:O,IR_UNIT:IR,NATIONAL_COORDINATOR:C
            QD05 Art 11.5: no IR unit registered                                | O | -  | C  | - | SYSTEM_OWNER:O,NATIONAL_COORDINATOR:C
            """)
    void routing(String rule, String owner, String ir, String coordinator, String host, String expected) {
        List<IncidentRouting.Recipient> r = IncidentRouting.combine(a(owner), a(ir), a(coordinator),
                host == null ? List.of() : List.of(a(host)));
        List<IncidentRouting.Recipient> want = Arrays.stream(expected.split(",")).map(s -> s.split(":"))
                .map(p -> new IncidentRouting.Recipient(a(p[1]), RecipientRole.valueOf(p[0]))).toList();
        assertThat(r).as(rule).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            TT20 Art 11 step 1: received → verified                     | RECEIVED   | VERIFIED   | true
            QD05 Art 14.2: verified → classified                        | VERIFIED   | CLASSIFIED | true
            QD05 Art 14.2: no response before classification            | VERIFIED   | RESPONDING | false
            TT20 Appendix II step 3: unstable recovery → contain again   | RECOVERED  | CONTAINED  | true
            TT20 Art 9.2.b: closing comes after recovery                 | RESPONDING | CLOSED     | false
            TT20 Art 11 step 4: recovered → closed                      | RECOVERED  | CLOSED     | true
            A closed case stays closed                                   | CLOSED     | RECEIVED   | false
            """)
    void transitions(String rule, IncidentState from, IncidentState to, boolean allowed) {
        assertThat(from.next().contains(to)).as(rule).isEqualTo(allowed);
    }

    @Test
    void onlyTheCoordinatorVerifiesClassifiesAndCloses() {
        // QD05 Art 14.2 (coordinator verifies and classifies); TT20 Art 9.2.b (coordinator records it handled)
        assertThat(EnumSet.allOf(IncidentState.class).stream().filter(IncidentState::coordinatorStep).toList())
                .containsExactly(IncidentState.VERIFIED, IncidentState.CLASSIFIED, IncidentState.CLOSED);
    }
}
