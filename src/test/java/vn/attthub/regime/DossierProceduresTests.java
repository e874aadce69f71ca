package vn.attthub.regime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who appraises and approves, and the time limits, per level (Decree 85/2016 Art 12, 14, 15.5, 16.2, 17.2). */
class DossierProceduresTests {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);
    private final DossierProcedures procedures = new DossierProcedures();

    @ParameterizedTest(name = "level {0}: {9}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            1 | false | OWNER_SECURITY_UNIT          | OWNER_SECURITY_UNIT | false | 5 | -  | 7 | Điều 12.1 | Art 12.1, 14.3.a: the security unit appraises and approves, then reports to the owner
            2 | false | OWNER_SECURITY_UNIT          | OWNER_SECURITY_UNIT | false | 5 | -  | 7 | Điều 14.3.a | Art 12.1, 14.3.a: as level 1
            3 | false | OWNER_SECURITY_UNIT          | SYSTEM_OWNER        | false | 5 | 15 | 7 | Điều 16.2.a | Art 12.2, 16.2.a: appraisal within 15 days, owner approves
            4 | true  | NATIONAL_APPRAISAL_AUTHORITY | SYSTEM_OWNER        | false | 5 | 30 | 7 | Điều 16.2.b | Art 14.1.d, 15.5 opinion; 12.3.a-c appraisal within 30 days (16.2.b); 12.3.d owner approves
            5 | true  | NATIONAL_APPRAISAL_AUTHORITY | SYSTEM_OWNER        | true  | 5 | 30 | 7 | Điều 12.3.đ | Art 12.3.đ, 14.3.c: Prime Minister's list plus the owner's approval of the plan
            """)
    void procedurePerLevel(int level, boolean opinion, AuthorityKind appraiser, AuthorityKind approver,
                           boolean pmList, int completeness, Integer appraisalDays, int approval, String cites,
                           String because) {
        DossierProcedure p = procedures.forLevel(level, DAY);

        assertThat(p.regime()).isEqualTo("ND85");
        assertThat(p.level()).isEqualTo(level);
        assertThat(p.professionalOpinionRequired()).as(because).isEqualTo(opinion);
        assertThat(p.appraiser()).as(because).isEqualTo(appraiser);
        assertThat(p.approver()).as(because).isEqualTo(approver);
        assertThat(p.primeMinisterList()).as(because).isEqualTo(pmList);
        assertThat(p.completenessWorkingDays()).as("Circular 03/2017 Art 14.3").isEqualTo(completeness);
        assertThat(p.appraisalDays()).as(because).isEqualTo(appraisalDays);
        assertThat(p.approvalWorkingDays()).as("Art 17.2").isEqualTo(approval);
        assertThat(p.legalBasis()).contains(cites).contains("Điều 17.2");
    }

    @Test
    void onlyLevelsOneToFiveHaveAProcedure() {
        assertThatThrownBy(() -> procedures.forLevel(0, DAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> procedures.forLevel(6, DAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> procedures.forLevel(3, LocalDate.of(2016, 6, 30)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
