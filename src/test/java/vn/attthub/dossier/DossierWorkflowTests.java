package vn.attthub.dossier;

import org.junit.jupiter.api.Test;
import vn.attthub.dossier.DossierWorkflow.Facts;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.attthub.dossier.DossierAction.*;
import static vn.attthub.dossier.DossierState.*;

/** The procedure of Decree 85/2016 Art 14, 16, 17 and Circular 03/2017 Art 14 as a state machine. */
class DossierWorkflowTests {

    static Facts facts(DossierState s, int level) {
        return new Facts(s, level, level >= 4, false, level <= 2, level == 5, false, false);
    }

    @Test
    void level3GoesFromDraftToApprovalThroughTheSecurityUnitAndTheOwner_Art12_2_14_1_c_14_3_b() {
        var submit = DossierWorkflow.apply(facts(DRAFT, 3), SUBMIT);
        assertThat(submit.to()).isEqualTo(SUBMITTED);
        assertThat(submit.opens()).containsExactly(StepKind.COMPLETENESS_CHECK);
        assertThat(submit.rule()).contains("14.1.c").contains("TT03 Art 14.1, 14.3");
        var accept = DossierWorkflow.apply(facts(SUBMITTED, 3), ACCEPT_COMPLETE);
        assertThat(accept.to()).isEqualTo(UNDER_APPRAISAL);
        assertThat(accept.side()).isEqualTo(Side.APPRAISER);
        assertThat(accept.closes()).containsExactly(StepKind.COMPLETENESS_CHECK);
        assertThat(accept.opens()).containsExactly(StepKind.APPRAISAL);
        assertThat(accept.rule()).contains("16.2.a");
        assertThat(DossierWorkflow.apply(facts(UNDER_APPRAISAL, 3), APPRAISE).to()).isEqualTo(APPRAISED);
        var forApproval = DossierWorkflow.apply(facts(APPRAISED, 3), SUBMIT_FOR_APPROVAL);
        assertThat(forApproval.side()).isEqualTo(Side.PREPARER);
        assertThat(forApproval.opens()).containsExactly(StepKind.APPROVAL);
        assertThat(forApproval.rule()).contains("14.3.b");
        var approve = DossierWorkflow.apply(facts(AWAITING_APPROVAL, 3), APPROVE);
        assertThat(approve.to()).isEqualTo(APPROVED);
        assertThat(approve.side()).isEqualTo(Side.APPROVER);
        assertThat(approve.rule()).contains("12.2.b").contains("17.2");
    }

    @Test
    void levels4And5AskTheSecurityUnitsProfessionalOpinionBeforeTheAppraiser_Art14_1_d() {
        var submit = DossierWorkflow.apply(facts(DRAFT, 4), SUBMIT);
        assertThat(submit.to()).isEqualTo(AWAITING_PROFESSIONAL_OPINION);
        assertThat(submit.opens()).containsExactly(StepKind.PROFESSIONAL_OPINION);
        var opinion = DossierWorkflow.apply(facts(AWAITING_PROFESSIONAL_OPINION, 4), GIVE_OPINION);
        assertThat(opinion.side()).isEqualTo(Side.SECURITY_UNIT);
        assertThat(opinion.to()).isEqualTo(SUBMITTED);
        assertThat(opinion.opens()).containsExactly(StepKind.COMPLETENESS_CHECK);
        assertThat(opinion.rule()).contains("15.5");
        // a returned level-4 dossier whose opinion was given goes straight back to the appraiser
        var again = new Facts(RETURNED_INCOMPLETE, 4, true, true, false, false, false, false);
        assertThat(DossierWorkflow.apply(again, SUBMIT).to()).isEqualTo(SUBMITTED);
    }

    @Test
    void levels1And2AreAppraisedAndApprovedByTheSameUnitWithoutASecondSubmission_Art12_1() {
        var appraise = DossierWorkflow.apply(facts(UNDER_APPRAISAL, 2), APPRAISE);
        assertThat(appraise.to()).isEqualTo(AWAITING_APPROVAL);
        assertThat(appraise.opens()).containsExactly(StepKind.APPROVAL);
        assertThat(appraise.rule()).contains("14.3.a");
    }

    @Test
    void level5NeedsBothTheOwnersPlanApprovalAndThePrimeMinistersList_Art12_3_d_dd() {
        var forApproval = DossierWorkflow.apply(facts(APPRAISED, 5), SUBMIT_FOR_APPROVAL);
        assertThat(forApproval.opens()).containsExactly(StepKind.APPROVAL, StepKind.PRIME_MINISTER_LIST);
        assertThat(forApproval.rule()).contains("14.3.c");
        var planFirst = DossierWorkflow.apply(facts(AWAITING_APPROVAL, 5), APPROVE);
        assertThat(planFirst.to()).isEqualTo(AWAITING_APPROVAL);
        var afterPlan = new Facts(AWAITING_APPROVAL, 5, true, true, false, true, true, false);
        assertThat(DossierWorkflow.options(afterPlan)).extracting(DossierWorkflow.Option::action)
                .containsExactly(RECORD_PM_LIST);
        var list = DossierWorkflow.apply(afterPlan, RECORD_PM_LIST);
        assertThat(list.to()).isEqualTo(APPROVED);
        assertThat(list.side()).isEqualTo(Side.APPRAISER);
        assertThat(list.rule()).contains("12.3.đ");
        var listFirst = new Facts(AWAITING_APPROVAL, 5, true, true, false, true, false, true);
        assertThat(DossierWorkflow.apply(listFirst, APPROVE).to()).isEqualTo(APPROVED);
        assertThat(DossierWorkflow.options(facts(AWAITING_APPROVAL, 4))).extracting(DossierWorkflow.Option::action)
                .doesNotContain(RECORD_PM_LIST);
    }

    @Test
    void theAppraiserReturnsAnIncompleteDossierAndTheOperatorResubmits_TT03Art14_3() {
        var ret = DossierWorkflow.apply(facts(SUBMITTED, 3), RETURN_INCOMPLETE);
        assertThat(ret.to()).isEqualTo(RETURNED_INCOMPLETE);
        assertThat(ret.closes()).isEqualTo(Set.of(StepKind.COMPLETENESS_CHECK));
        assertThat(DossierWorkflow.apply(facts(RETURNED_INCOMPLETE, 3), SUBMIT).to()).isEqualTo(SUBMITTED);
    }

    @Test
    void aWrongActionNamesTheActionsAllowedNow() {
        assertThatThrownBy(() -> DossierWorkflow.apply(facts(DRAFT, 3), APPROVE))
                .isInstanceOf(DossierWorkflow.NotAllowed.class)
                .hasMessageContaining("SUBMIT")
                .satisfies(e -> assertThat(((DossierWorkflow.NotAllowed) e).allowed)
                        .extracting(DossierWorkflow.Option::action).containsExactly(SUBMIT));
        for (DossierState closed : List.of(APPROVED, REJECTED, SUPERSEDED)) {
            assertThat(DossierWorkflow.options(facts(closed, 3))).isEmpty();
        }
        assertThat(DossierWorkflow.options(facts(AWAITING_APPROVAL, 3))).extracting(DossierWorkflow.Option::action)
                .containsExactly(APPROVE, REJECT);
    }
}
