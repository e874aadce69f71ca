package vn.attthub.control;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.control.ControlCatalog.Requirement;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.attthub.control.EvidenceValidity.*;
import static vn.attthub.control.RequirementStatus.*;

/** The rules of baselines, evidence and assessments, without Spring. */
class ControlPoliciesTests {
    static Requirement req(String id, int min, Integer max) {
        return new Requirement(id, "POLICY", id, id, min, max, "x", true, null);
    }

    @Test
    void levelsAreCumulativeAndAMaximumLevelEndsARequirement() {
        // Circular 03/2017 Art 9: level n = level n-1 plus its annex; Art 8.4.a applies to levels 1-3 only.
        Requirement shared = req("a", 1, 3);
        assertThat(shared.appliesTo(3)).isTrue();
        assertThat(shared.appliesTo(4)).isFalse();
        assertThat(req("b", 4, null).appliesTo(5)).isTrue();
        assertThat(req("b", 4, null).appliesTo(3)).isFalse();
    }

    @Test
    void theDeltaAddsRetiresAndReinstatesButNeverDeletes() {
        var delta = BaselineDelta.between(List.of(req("a", 1, null), req("c", 4, null), req("d", 1, null)),
                Map.of("a", true, "b", true, "d", false));
        assertThat(delta.added()).extracting(Requirement::id).containsExactly("c");
        assertThat(delta.retired()).containsExactly("b");
        assertThat(delta.reinstated()).containsExactly("d");
        assertThat(BaselineDelta.between(List.of(req("a", 1, null)), Map.of("a", true)).empty()).isTrue();
    }

    @Test
    void evidenceCountsFromItsEffectiveDayToItsExpiryDayInclusive() {
        LocalDate d = LocalDate.of(2026, 6, 30);
        assertThat(EvidenceValidity.of(d, d, d)).isEqualTo(CURRENT);
        assertThat(EvidenceValidity.of(d, d, d.plusDays(1))).isEqualTo(EXPIRED);
        assertThat(EvidenceValidity.of(d, null, d.minusDays(1))).isEqualTo(NOT_YET_EFFECTIVE);
        assertThat(EvidenceValidity.of(d, null, d.plusYears(10))).isEqualTo(CURRENT);
    }

    @Test
    void aRequirementIsMetOnlyWhenImplementedWithCurrentEvidenceAndStaleWhenItsEvidenceExpired() {
        assertThat(RequirementState.of(true, IMPLEMENTED, List.of(CURRENT)).compliant()).isTrue();
        assertThat(RequirementState.of(true, IMPLEMENTED, List.of()).compliant()).isFalse();
        assertThat(RequirementState.of(true, IMPLEMENTED, List.of()).unevidenced()).isTrue();
        assertThat(RequirementState.of(true, PARTLY_IMPLEMENTED, List.of(CURRENT)).compliant()).isFalse();
        RequirementState expired = RequirementState.of(true, IMPLEMENTED, List.of(EXPIRED));
        assertThat(expired.stale()).isTrue();
        assertThat(expired.compliant()).isFalse();
        assertThat(RequirementState.of(true, IMPLEMENTED, List.of(EXPIRED, CURRENT)).stale()).isFalse();
        assertThat(RequirementState.of(true, NOT_APPLICABLE, List.of()).applicable()).isFalse();
        assertThat(RequirementState.of(false, IMPLEMENTED, List.of(CURRENT)).applicable()).isFalse();
    }

    @Test
    void assessmentsAreDueOnePeriodLaterAndFlaggedThirtyDaysAhead() {
        // Decree 85/2016 Art 20.2.c: yearly for levels 3-4, every 6 months for level 5, every 2 years overall.
        LocalDate approved = LocalDate.of(2026, 3, 10);
        assertThat(AssessmentDue.next(approved, 12)).isEqualTo(LocalDate.of(2027, 3, 10));
        assertThat(AssessmentDue.next(approved, 6)).isEqualTo(LocalDate.of(2026, 9, 10));
        LocalDate due = LocalDate.of(2027, 3, 10);
        assertThat(AssessmentDue.of(due, due.minusDays(31))).isEqualTo(AssessmentDue.UPCOMING);
        assertThat(AssessmentDue.of(due, due.minusDays(30))).isEqualTo(AssessmentDue.DUE_SOON);
        assertThat(AssessmentDue.of(due, due)).isEqualTo(AssessmentDue.DUE_SOON);
        assertThat(AssessmentDue.of(due, due.plusDays(1))).isEqualTo(AssessmentDue.OVERDUE);
    }

    @Test
    void theCatalogFileLoadsAndEveryUnconfirmedRequirementSaysWhy() {
        var doc = ControlCatalog.read(JsonMapper.builder().build());
        assertThat(doc.regime()).isEqualTo("ND85");
        assertThat(doc.groups()).extracting(ControlCatalog.Group::code).containsExactly("POLICY", "ORGANISATION",
                "HUMAN_RESOURCES", "DESIGN_BUILD", "OPERATIONS", "RISK", "DECOMMISSIONING", "NETWORK", "SERVER",
                "APPLICATION", "DATA");
        assertThat(doc.requirements()).allSatisfy(r -> {
            assertThat(r.id()).startsWith("TCVN11930-");
            assertThat(r.confirmed() || (r.note() != null && !r.note().isBlank())).as(r.id()).isTrue();
        });
        assertThat(doc.assessments()).extracting(ControlCatalog.Assessment::periodMonths).containsExactly(24, 12, 6);
    }

    @Test
    void aCatalogWithAnUnknownGroupOrAnUnexplainedUnconfirmedRowDoesNotLoad() {
        var groups = List.of(new ControlCatalog.Group("POLICY", ControlCatalog.Kind.MANAGEMENT, "a", "a"));
        assertThatThrownBy(() -> ControlCatalog.validate(new ControlCatalog.Document("ND85", "v", "", "", groups,
                List.of(new Requirement("x", "NOPE", "t", "t", 1, null, "c", true, null)), List.of())))
                .hasMessageContaining("unknown group");
        assertThatThrownBy(() -> ControlCatalog.validate(new ControlCatalog.Document("ND85", "v", "", "", groups,
                List.of(new Requirement("x", "POLICY", "t", "t", 1, null, "c", false, null)), List.of())))
                .hasMessageContaining("unconfirmed");
    }
}
