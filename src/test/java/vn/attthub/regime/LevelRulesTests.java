package vn.attthub.regime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static vn.attthub.regime.ConstructionGrade.*;
import static vn.attthub.regime.InformationType.*;
import static vn.attthub.regime.InfrastructureScope.*;
import static vn.attthub.regime.NationalSecurityImpact.*;
import static vn.attthub.regime.SystemType.*;

/**
 * The ND85 regime row by row (Decree 85/2016 Art 7-11, Art 5.2) and the project decisions D1-D3. Each case names
 * the article it exercises; boundaries are tested on both sides.
 */
class LevelRulesTests {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private final LevelRules rules = new LevelRules();

    static Stream<Arguments> rows() {
        return Stream.of(
                // Art 7: internal and only public information -> level 1
                arguments("Art 7: internal, public information only",
                        Inputs.of(INTERNAL_OPERATIONS).info(PUBLIC), 1, List.of("ND85-7")),
                arguments("Art 7 does not apply to a citizen system with public information only",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).info(PUBLIC), null, List.of()),
                // Art 8.1: internal with private/personal, no state secret -> 2
                arguments("Art 8.1: internal, private information",
                        Inputs.of(INTERNAL_OPERATIONS).info(PUBLIC, PRIVATE), 2, List.of("ND85-8.1")),
                arguments("Art 8.1: internal, personal information",
                        Inputs.of(INTERNAL_OPERATIONS).info(PERSONAL), 2, List.of("ND85-8.1")),
                arguments("Art 8.1 excluded by state secret; Art 9.1 applies (D2: no impact declared = harm)",
                        Inputs.of(INTERNAL_OPERATIONS).info(PRIVATE, STATE_SECRET), 3, List.of("ND85-9.1")),
                // Art 8.2.a / 9.2.a: online public service level 2 vs 3
                arguments("Art 8.2.a: online public services at level 2",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).publicServiceLevel(2), 2, List.of("ND85-8.2.a")),
                arguments("Art 8.2.a: information only, no online public service (0)",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).publicServiceLevel(0), 2, List.of("ND85-8.2.a")),
                arguments("Art 9.2.a: online public services at level 3",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).publicServiceLevel(3), 3, List.of("ND85-9.2.a")),
                arguments("Art 9.2.a: online public services at level 4",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).publicServiceLevel(4), 3, List.of("ND85-9.2.a")),
                // Art 8.2.b / 9.2.b: conditional business line
                arguments("Art 8.2.b: online service outside the conditional business lines",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).conditionalBusiness(false), 2, List.of("ND85-8.2.b")),
                arguments("Art 9.2.b: online service in a conditional business line",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).conditionalBusiness(true), 3, List.of("ND85-9.2.b")),
                // Art 8.2.c / 9.2.c: 9,999 vs 10,000 users
                arguments("Art 8.2.c: personal information of 9,999 users",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).users(9_999), 2, List.of("ND85-8.2.c")),
                arguments("Art 8.2.c: personal information of 1 user",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).users(1), 2, List.of("ND85-8.2.c")),
                arguments("Art 8.2.c needs some personal information: 0 users matches nothing",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).users(0), null, List.of()),
                arguments("Art 9.2.c: personal information of 10,000 users",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).users(10_000), 3, List.of("ND85-9.2.c")),
                arguments("Art 9.2.c applies to citizen systems only (internal system with 50,000 users)",
                        Inputs.of(INTERNAL_OPERATIONS).info(PERSONAL).users(50_000), 2, List.of("ND85-8.1")),
                // Art 8.3 / 9.3 / 10.3 / 11.3: infrastructure scope
                arguments("Art 8.3: infrastructure of a single organisation",
                        Inputs.of(INFORMATION_INFRASTRUCTURE).scope(SINGLE_ORGANISATION), 2, List.of("ND85-8.3")),
                arguments("Art 9.3: shared infrastructure of a province",
                        Inputs.of(INFORMATION_INFRASTRUCTURE).scope(PROVINCE), 3, List.of("ND85-9.3")),
                arguments("Art 9.3: shared infrastructure of a sector",
                        Inputs.of(INFORMATION_INFRASTRUCTURE).scope(SECTOR), 3, List.of("ND85-9.3")),
                arguments("Art 9.3: shared infrastructure of several provinces",
                        Inputs.of(INFORMATION_INFRASTRUCTURE).scope(MULTI_PROVINCE), 3, List.of("ND85-9.3")),
                arguments("Art 10.3: nationwide shared infrastructure operating 24/7",
                        Inputs.of(INFORMATION_INFRASTRUCTURE).scope(NATIONAL).alwaysOn(true), 4, List.of("ND85-10.3")),
                arguments("Art 10.3 needs 24/7: nationwide infrastructure without it matches nothing (D3)",
                        Inputs.of(INFORMATION_INFRASTRUCTURE).scope(NATIONAL).alwaysOn(false), null, List.of()),
                arguments("Art 11.3: national infrastructure linking Vietnam with the world",
                        Inputs.of(INFORMATION_INFRASTRUCTURE).scope(INTERNATIONAL), 5, List.of("ND85-11.3")),
                arguments("Art 8.3 applies to infrastructure only (internal system, single organisation)",
                        Inputs.of(INTERNAL_OPERATIONS).scope(SINGLE_ORGANISATION), null, List.of()),
                // Art 9.4 / 10.4 / 11.4: construction grade II vs I vs special
                arguments("Art 9.4: industrial control of a grade IV work",
                        Inputs.of(INDUSTRIAL_CONTROL).grade(IV), 3, List.of("ND85-9.4")),
                arguments("Art 9.4: industrial control of a grade III work",
                        Inputs.of(INDUSTRIAL_CONTROL).grade(III), 3, List.of("ND85-9.4")),
                arguments("Art 9.4: industrial control of a grade II work",
                        Inputs.of(INDUSTRIAL_CONTROL).grade(II), 3, List.of("ND85-9.4")),
                arguments("Art 10.4: industrial control of a grade I work",
                        Inputs.of(INDUSTRIAL_CONTROL).grade(I), 4, List.of("ND85-10.4")),
                arguments("Art 11.4: industrial control of a special-grade work",
                        Inputs.of(INDUSTRIAL_CONTROL).grade(SPECIAL), 5, List.of("ND85-11.4")),
                arguments("Art 11.4: industrial control of a national-security work (grade III)",
                        Inputs.of(INDUSTRIAL_CONTROL).grade(III).securityWork(true), 5,
                        List.of("ND85-9.4", "ND85-11.4")),
                arguments("Art 9.4 applies to industrial control only (infrastructure with grade II)",
                        Inputs.of(INFORMATION_INFRASTRUCTURE).grade(II), null, List.of()),
                // Art 9.1 / 10.1 / 11.1 and D2
                arguments("Art 9.1: state secret, harm declared",
                        Inputs.of(OTHER).info(STATE_SECRET).impact(HARM), 3, List.of("ND85-9.1")),
                arguments("D2: state secret, no impact declared -> Art 9.1",
                        Inputs.of(OTHER).info(STATE_SECRET), 3, List.of("ND85-9.1")),
                arguments("D2: defence/security system, no impact declared -> Art 9.1",
                        Inputs.of(OTHER).defence(true), 3, List.of("ND85-9.1")),
                arguments("Art 10.1: state secret, serious harm",
                        Inputs.of(OTHER).info(STATE_SECRET).impact(SERIOUS), 4, List.of("ND85-10.1")),
                arguments("Art 10.1: defence system, serious harm",
                        Inputs.of(OTHER).defence(true).impact(SERIOUS), 4, List.of("ND85-10.1")),
                arguments("Art 11.1: state secret, especially serious harm",
                        Inputs.of(OTHER).info(STATE_SECRET).impact(ESPECIALLY_SERIOUS), 5, List.of("ND85-11.1")),
                arguments("Art 9.1-11.1 need state secret or defence: impact alone matches nothing (D3)",
                        Inputs.of(OTHER).info(PUBLIC).impact(SERIOUS), null, List.of()),
                arguments("Art 9.1: declared NONE impact on a state-secret system matches no impact row (D3)",
                        Inputs.of(OTHER).info(STATE_SECRET).impact(NONE), null, List.of()),
                // Art 10.2, 11.2, 11.5
                arguments("Art 10.2: national e-Government system operating 24/7",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).nationalEGov(true).alwaysOn(true), 4,
                        List.of("ND85-10.2")),
                arguments("Art 10.2 needs 24/7",
                        Inputs.of(OTHER).nationalEGov(true).alwaysOn(false), null, List.of()),
                arguments("Art 11.2: centralised store of especially important national data",
                        Inputs.of(INFORMATION_INFRASTRUCTURE).criticalDataStore(true), 5, List.of("ND85-11.2")),
                arguments("Art 11.5: designated by the Prime Minister",
                        Inputs.of(OTHER).pmDesignated(true), 5, List.of("ND85-11.5")),
                // D1: maximum over every matched row, all rows reported
                arguments("D1: a portal at service level 3 with 12,000 users, not a conditional business",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).publicServiceLevel(3).users(12_000)
                                .conditionalBusiness(false), 3,
                        List.of("ND85-8.2.b", "ND85-9.2.a", "ND85-9.2.c")),
                arguments("D1: a level-2 portal that the Prime Minister designated is level 5",
                        Inputs.of(CITIZEN_BUSINESS_SERVICE).publicServiceLevel(2).pmDesignated(true), 5,
                        List.of("ND85-8.2.a", "ND85-11.5")),
                // Art 5.2: components
                arguments("Art 5.2: component levels raise the level",
                        Inputs.of(INTERNAL_OPERATIONS).info(PUBLIC).components(2, 3), 3,
                        List.of("ND85-7", "ND85-5.2")),
                arguments("Art 5.2: a lower component does not lower the level",
                        Inputs.of(INFORMATION_INFRASTRUCTURE).scope(PROVINCE).components(1), 3,
                        List.of("ND85-9.3", "ND85-5.2")),
                arguments("Art 5.2: components alone decide the level when no criterion matches",
                        Inputs.of(OTHER).components(4, 2), 4, List.of("ND85-5.2")),
                // D3
                arguments("D3: an OTHER system with nothing known",
                        Inputs.of(OTHER), null, List.of()),
                arguments("D3: an internal system with no information types declared",
                        Inputs.of(INTERNAL_OPERATIONS).noInfo(), null, List.of()),
                arguments("D3: an empty component list is no component",
                        Inputs.of(OTHER).components(), null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void determinesTheLevelAndNamesEveryMatchedArticle(String article, Inputs inputs, Integer level,
                                                        List<String> articles) {
        LevelDetermination d = rules.determine(inputs.build(), TODAY);

        assertThat(d.regime()).isEqualTo("ND85");
        assertThat(d.level()).as(article).isEqualTo(level);
        assertThat(d.matched()).extracting(MatchedRule::article).as(article).containsExactlyElementsOf(articles);
        assertThat(d.needsJustification()).as("D3 flag").isEqualTo(level == null);
    }

    @Test
    void everyArticleOfTheDecisionTableIsInTheData() {
        assertThat(RegimeCatalog.standard().inForce(TODAY).criteria()).extracting(Criterion::article)
                .containsExactly("ND85-7", "ND85-8.1", "ND85-8.2.a", "ND85-8.2.b", "ND85-8.2.c", "ND85-8.3",
                        "ND85-9.1", "ND85-9.2.a", "ND85-9.2.b", "ND85-9.2.c", "ND85-9.3", "ND85-9.4",
                        "ND85-10.1", "ND85-10.2", "ND85-10.3", "ND85-10.4",
                        "ND85-11.1", "ND85-11.2", "ND85-11.3", "ND85-11.4", "ND85-11.5");
    }

    @Test
    void matchedRowsCarryTheVietnameseTextOfTheDecree() {
        LevelDetermination d = rules.determine(Inputs.of(CITIZEN_BUSINESS_SERVICE).users(10_000).build(), TODAY);

        assertThat(d.matched()).singleElement().satisfies(m -> {
            assertThat(m.level()).isEqualTo(3);
            assertThat(m.text()).contains("từ 10.000 người sử dụng trở lên");
        });
    }

    @Test
    void theComponentRowNamesArticle5Point2AndTheHighestComponentLevel() {
        LevelDetermination d = rules.determine(Inputs.of(OTHER).components(2, 4, 3).build(), TODAY);

        assertThat(d.matched()).singleElement().satisfies(m -> {
            assertThat(m.article()).isEqualTo("ND85-5.2");
            assertThat(m.level()).isEqualTo(4);
            assertThat(m.text()).contains("cấp độ cao nhất").contains("cấp độ 4");
        });
    }

    @Test
    void aComponentLevelOutsideOneToFiveIsRefused() {
        assertThatThrownBy(() -> rules.determine(Inputs.of(OTHER).components(6).build(), TODAY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRegimeStartsWithTheDecree() {
        // Decree 85/2016 took effect on 01/07/2016; before that no level regime is in force.
        assertThat(rules.determine(Inputs.of(INTERNAL_OPERATIONS).info(PUBLIC).build(), LocalDate.of(2016, 7, 1))
                .level()).isEqualTo(1);
        assertThatThrownBy(() -> rules.determine(Inputs.of(OTHER).build(), LocalDate.of(2016, 6, 30)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void todayUsesTheRegimeInForce() {
        assertThat(rules.determine(Inputs.of(INTERNAL_OPERATIONS).info(PUBLIC).build()).regime()).isEqualTo("ND85");
    }
}
