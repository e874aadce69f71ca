package vn.attthub.incident;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.attthub.organisation.AgencyRoleKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may hand a case over or escalate it to whom (issue 4 §3), by the roles held on the day. */
class HandoverRulesTests {
    static Set<AgencyRoleKind> roles(String list) {
        Set<AgencyRoleKind> out = EnumSet.noneOf(AgencyRoleKind.class);
        if (list != null && !list.equals("-")) {
            Arrays.stream(list.split("\\+")).map(String::strip).map(AgencyRoleKind::valueOf).forEach(out::add);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            QD05 Art 11.5, 7.3: province IR unit escalates to the national coordinator      | ESCALATION | false | IR_UNIT              | NATIONAL_COORDINATOR | true
            QD05 Art 4, 11.5: national coordinator escalates to the standing body            | ESCALATION | false | NATIONAL_COORDINATOR | STANDING_BODY        | true
            QD05 Art 4, 11.5: IR unit may also escalate to the standing body                | ESCALATION | false | IR_UNIT              | STANDING_BODY        | true
            QD05 Art 6: escalation never goes sideways to another province's IR unit       | ESCALATION | false | IR_UNIT              | IR_UNIT              | false
            QD05 Art 7.1: escalation never goes to a network member                        | ESCALATION | false | IR_UNIT              | IR_NETWORK_MEMBER    | false
            QD05 Art 7.3: the coordinator does not escalate to itself-level                 | ESCALATION | false | NATIONAL_COORDINATOR | NATIONAL_COORDINATOR | false
            QD05 Art 4: nothing above the standing body                                    | ESCALATION | false | STANDING_BODY        | NATIONAL_COORDINATOR | false
            QD05 Art 7.3: a lead without a registered role escalates to the coordinator    | ESCALATION | false | -                    | NATIONAL_COORDINATOR | true
            QD05 Art 6: hand-over to another ministry/province IR unit                     | HANDOVER   | false | IR_UNIT              | IR_UNIT              | true
            QD05 Art 7.1: hand-over to a national IR network member                        | HANDOVER   | false | NATIONAL_COORDINATOR | IR_NETWORK_MEMBER    | true
            QD05 Art 7.3: hand-over to the national coordinator                            | HANDOVER   | false | IR_UNIT              | NATIONAL_COORDINATOR | true
            QD05 Art 6-7: no hand-over to an agency without an incident-response role      | HANDOVER   | false | IR_UNIT              | SYSTEM_OWNER         | false
            QD05 Art 6-7: no hand-over to an agency with no role at all                    | HANDOVER   | false | IR_UNIT              | -                    | false
            QD05 Art 7.4: a service provider alone is not a response lead                  | HANDOVER   | false | IR_UNIT              | SERVICE_PROVIDER     | false
            Never to the current lead itself (hand-over)                                   | HANDOVER   | true  | IR_UNIT              | IR_UNIT              | false
            Never to the current lead itself (escalation)                                  | ESCALATION | true  | IR_UNIT              | NATIONAL_COORDINATOR | false
            """)
    void whoMayTakeOverTheCase(String rule, HandoverRules.Kind kind, boolean self, String from, String to,
                               boolean allowed) {
        String refusal = HandoverRules.refusal(kind, self, roles(from), roles(to));
        if (allowed) assertThat(refusal).as(rule).isNull();
        else assertThat(refusal).as(rule).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            QD05 Art 6, 11.5: the IR unit of the owner's ministry/province leads  | IR | C | IR
            QD05 Art 7.3: no IR unit registered → the national coordinator leads  | -  | C | C
            No role holder registered at all → no lead                             | -  | - | -
            """)
    void whoLeadsANewCase(String rule, String irUnit, String coordinator, String expected) {
        assertThat(IncidentRouting.lead(IncidentRulesTests.a(irUnit), IncidentRulesTests.a(coordinator)))
                .as(rule).isEqualTo(IncidentRulesTests.a(expected));
    }
}
