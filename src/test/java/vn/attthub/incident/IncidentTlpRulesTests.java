package vn.attthub.incident;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLP 2.0 rules for case items and shares (FIRST TLP 2.0 definitions, https://www.first.org/tlp/; issue 4 §3
 * "sharing with TLP caps (a TLP:RED item never leaves the named recipients)"), table-driven.
 */
class IncidentTlpRulesTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            TLP:RED 'individual recipients only': a named recipient sees a RED item         | RED          | false | true  | -            | true
            TLP:RED: a party in scope who is not named never sees it (issue 4 §3)           | RED          | true  | false | -            | false
            TLP:RED: no share cap lets a RED item out                                       | RED          | false | false | AMBER_STRICT | false
            TLP:AMBER: a party in scope sees it                                             | AMBER        | true  | false | -            | true
            Share cap GREEN: a GREEN item is at the cap                                     | GREEN        | false | false | GREEN        | true
            Share cap GREEN: a CLEAR item is below the cap                                  | CLEAR        | false | false | GREEN        | true
            Share cap GREEN: an AMBER item is above the cap                                 | AMBER        | false | false | GREEN        | false
            Share cap AMBER: AMBER+STRICT is stricter than AMBER                            | AMBER_STRICT | false | false | AMBER        | false
            Share cap AMBER+STRICT: an AMBER item is within it                              | AMBER        | false | false | AMBER_STRICT | true
            Share cap CLEAR: only CLEAR items                                               | GREEN        | false | false | CLEAR        | false
            No share, no party: nothing (the case is not visible either)                    | CLEAR        | false | false | -            | false
            """)
    void itemVisibility(String rule, Tlp item, boolean scoped, boolean named, Tlp cap, boolean expected) {
        assertThat(TlpRules.maySee(item, scoped, named, cap)).as(rule).isEqualTo(expected);
        assertThat(new IncidentViews.Access(scoped, named, cap).maySee(item)).as(rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            TLP:RED case is never shared (FIRST TLP 2.0 RED; issue 4 §3)          | RED          | GREEN        | false | -
            RED is never a cap: a RED item never leaves the named recipients      | AMBER        | RED          | false | -
            TLP:AMBER case, cap AMBER: organisation and its clients → subtree      | AMBER        | AMBER        | true  | true
            TLP:GREEN case, cap GREEN: community → subtree                         | GREEN        | GREEN        | true  | true
            TLP:CLEAR case, cap CLEAR → subtree                                    | CLEAR        | CLEAR        | true  | true
            Cap AMBER+STRICT 'restricts sharing to the organization only'          | AMBER        | AMBER_STRICT | true  | false
            Case AMBER+STRICT: even a GREEN cap reaches the named agency only      | AMBER_STRICT | GREEN        | true  | false
            """)
    void sharing(String rule, Tlp caseTlp, Tlp cap, boolean allowed, Boolean subtree) {
        assertThat(TlpRules.refusal(caseTlp, cap) == null).as(rule).isEqualTo(allowed);
        if (allowed) assertThat(TlpRules.reachesSubtree(caseTlp, cap)).as(rule).isEqualTo(subtree);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EXAMPLE.com.                                                        | DOMAIN    | example.com
            https://Example.COM                                                 | URL       | https://example.com/
            2001:DB8:0:0:0:0:0:1                                                | IP        | 2001:db8::1
            198.51.100.23                                                       | IP        | 198.51.100.23
            Hotro@BYT-GOV-VN.example                                            | EMAIL     | Hotro@byt-gov-vn.example
            D41D8CD98F00B204E9800998ECF8427E                                    | FILE_HASH | d41d8cd98f00b204e9800998ecf8427e
            bộ-y-tế.vn                                                          | DOMAIN    | xn--*
            10.0.0.0/8                                                          | OTHER     | 10.0.0.0/8
            mã độc Emotet, biến thể mới                                          | OTHER     | mã độc Emotet, biến thể mới
            999.1.1.1                                                           | OTHER     | 999.1.1.1
            """)
    void freeTextIsGuessedAndNeverLost(String raw, String type, String value) {
        IncidentObservables.Canonical c = IncidentObservables.guess(raw, Tlp.AMBER);
        assertThat(c.type()).isEqualTo(type);
        if (value.endsWith("*")) assertThat(c.value()).startsWith(value.substring(0, value.length() - 1)).endsWith(".vn");
        else assertThat(c.value()).isEqualTo(value);
        assertThat(c.raw()).isEqualTo(raw.strip());
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            IP        | example.com  | observables[0].value
            DOMAIN    | not a domain | observables[0].value
            FILE_HASH | abc123       | observables[0].value
            MAC       | 00:11:22     | observables[0].type
            """)
    void apiInputWithAnExplicitTypeMustFitIt(String type, String value, String field) {
        var errors = new java.util.ArrayList<vn.attthub.shared.InvalidInputException.FieldError>();
        var out = IncidentObservables.strict(List.of(new Incidents.Observable(type, value, null)), Tlp.AMBER,
                "observables", errors);
        assertThat(out).isEmpty();
        assertThat(errors).extracting(vn.attthub.shared.InvalidInputException.FieldError::field).containsExactly(field);
    }
}
