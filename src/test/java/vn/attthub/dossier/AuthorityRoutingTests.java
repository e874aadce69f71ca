package vn.attthub.dossier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.attthub.regime.AuthorityKind;
import vn.attthub.regime.DossierProcedure;
import vn.attthub.shared.AgencyId;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who gives the opinion, appraises and approves, per level (Decree 85/2016 Art 12, 14.1.d, 14.3). */
class AuthorityRoutingTests {
    static final AgencyId OWNER = AgencyId.of(UUID.randomUUID());
    static final AgencyId SECURITY_UNIT = AgencyId.of(UUID.randomUUID());
    static final AgencyId NATIONAL = AgencyId.of(UUID.randomUUID());
    static final AgencyId DEFENCE_AUTHORITY = AgencyId.of(UUID.randomUUID());
    static final Map<String, AgencyId> NAMES = Map.of("OWNER", OWNER, "SECURITY_UNIT", SECURITY_UNIT,
            "NATIONAL", NATIONAL, "-", AgencyId.of(new UUID(0, 0)));
    static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    /** The procedure table of DOMAIN.md §1.5 as the regime holds it. */
    static DossierProcedure procedure(int level) {
        return switch (level) {
            case 1, 2 -> new DossierProcedure("ND85", level, false, AuthorityKind.OWNER_SECURITY_UNIT,
                    AuthorityKind.OWNER_SECURITY_UNIT, false, 5, null, 7, "ND85 Art 12.1, 14.1.b, 14.3.a");
            case 3 -> new DossierProcedure("ND85", 3, false, AuthorityKind.OWNER_SECURITY_UNIT,
                    AuthorityKind.SYSTEM_OWNER, false, 5, 15, 7, "ND85 Art 12.2, 14.1.c, 14.3.b, 16.2.a");
            case 4 -> new DossierProcedure("ND85", 4, true, AuthorityKind.NATIONAL_APPRAISAL_AUTHORITY,
                    AuthorityKind.SYSTEM_OWNER, false, 5, 30, 7, "ND85 Art 12.3.a-d, 14.1.d, 14.3.b, 16.2.b");
            default -> new DossierProcedure("ND85", 5, true, AuthorityKind.NATIONAL_APPRAISAL_AUTHORITY,
                    AuthorityKind.SYSTEM_OWNER, true, 5, 30, 7, "ND85 Art 12.3.a-đ, 14.1.d, 14.3.c, 16.2.b");
        };
    }

    static final AuthorityRouting.Registry REGISTRY = new AuthorityRouting.Registry() {
        public Optional<AgencyId> securityUnitOf(AgencyId owner, LocalDate day) {
            return Optional.of(SECURITY_UNIT);
        }

        public Optional<AgencyId> appraisalAuthorityFor(AgencyId owner, LocalDate day) {
            return Optional.of(NATIONAL);
        }
    };

    @ParameterizedTest(name = "level {0}: opinion {1}, appraiser {2}, approver {3} ({6})")
    @CsvSource({
            // level, opinion,     appraiser,     approver,      inform owner, PM list, article
            "1, -,             SECURITY_UNIT, SECURITY_UNIT, true,  false, Art 12.1 and 14.3.a: the security unit appraises, approves, reports to the owner",
            "2, -,             SECURITY_UNIT, SECURITY_UNIT, true,  false, Art 12.1 and 14.3.a",
            "3, -,             SECURITY_UNIT, OWNER,         false, false, Art 12.2.a-b: security unit appraises and owner approves",
            "4, SECURITY_UNIT, NATIONAL,      OWNER,         false, false, Art 14.1.d opinion; 12.3.a appraisal; 12.3.d owner approves",
            "5, SECURITY_UNIT, NATIONAL,      OWNER,         false, true,  Art 12.3.d owner approves the plan; 12.3.đ Prime Minister's list"
    })
    void routesEachLevelToTheAuthoritiesTheDecreeNames(int level, String opinion, String appraiser, String approver,
                                                       boolean informOwner, boolean pmList, String article) {
        var route = AuthorityRouting.route(procedure(level), OWNER, DAY, REGISTRY);
        assertThat(route.opinionGiver()).isEqualTo(opinion.equals("-") ? null : NAMES.get(opinion));
        assertThat(route.appraiser()).isEqualTo(NAMES.get(appraiser));
        assertThat(route.approver()).isEqualTo(NAMES.get(approver));
        assertThat(route.informOwner()).isEqualTo(informOwner);
        assertThat(route.primeMinisterList()).isEqualTo(pmList);
        assertThat(route.appraiserIsApprover()).isEqualTo(level <= 2);
    }

    @Test
    void aSectorAppraisalAuthorityServingTheOwnersMinistryAppraisesItsSystems_Art12_3_b_c() {
        AuthorityRouting.Registry defence = new AuthorityRouting.Registry() {
            public Optional<AgencyId> securityUnitOf(AgencyId owner, LocalDate day) {
                return Optional.of(SECURITY_UNIT);
            }

            public Optional<AgencyId> appraisalAuthorityFor(AgencyId owner, LocalDate day) {
                return Optional.of(DEFENCE_AUTHORITY);
            }
        };
        assertThat(AuthorityRouting.route(procedure(4), OWNER, DAY, defence).appraiser()).isEqualTo(DEFENCE_AUTHORITY);
    }

    @Test
    void anOwnerWithoutASecurityUnitCannotBeRouted_Art3_5() {
        AuthorityRouting.Registry none = new AuthorityRouting.Registry() {
            public Optional<AgencyId> securityUnitOf(AgencyId owner, LocalDate day) {
                return Optional.empty();
            }

            public Optional<AgencyId> appraisalAuthorityFor(AgencyId owner, LocalDate day) {
                return Optional.empty();
            }
        };
        assertThatThrownBy(() -> AuthorityRouting.route(procedure(3), OWNER, DAY, none))
                .isInstanceOf(AuthorityRouting.Unroutable.class).hasMessageContaining("đơn vị chuyên trách");
        assertThatThrownBy(() -> AuthorityRouting.route(procedure(4), OWNER, DAY, none))
                .isInstanceOf(AuthorityRouting.Unroutable.class);
    }
}
