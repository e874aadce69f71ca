package vn.attthub.organisation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.attthub.shared.InvalidInputException.FieldError;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The tree rules, table-driven: each row a situation and the field it must be refused on (or none). */
class AgencyRulesTests {
    static final UUID ROOT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    static Agency agency(UUID id, UUID parent, String path, LocalDate from, LocalDate to) {
        return new Agency(id, "X" + id.toString().substring(35), "Tên", null, AgencyKind.UNIT, parent, path,
                path.split("/").length - 2, null, from, to, 0, false);
    }

    static final LocalDate D2008 = LocalDate.of(2008, 8, 1);
    static final Agency root = agency(ROOT, null, "/" + ROOT + "/", LocalDate.of(1945, 9, 2), null);
    static final Agency a = agency(A, ROOT, root.path() + A + "/", D2008, null);
    static final Agency b = agency(B, A, a.path() + B + "/", D2008, null);
    static final Agency c = agency(C, B, b.path() + C + "/", D2008, null);
    /** A province that ended with the 2025 merger (valid to 30/06/2025). */
    static final Agency closed = agency(UUID.randomUUID(), ROOT, root.path() + "closed/", D2008, LocalDate.of(2025, 6, 30));

    static AgencyDraft draft(String code, String name, String kind, LocalDate from, LocalDate to) {
        return new AgencyDraft(code, name, null, kind, null, null, from, to);
    }

    static Stream<Arguments> cases() {
        AgencyDraft ok = draft("T-HA-NOI-SKHCN", "Sở Khoa học và Công nghệ", "DEPARTMENT", D2008, null);
        return Stream.of(
                Arguments.of("a valid new child", ok, a, null, null),
                Arguments.of("blank name", draft("X1", "   ", "UNIT", D2008, null), a, null, "name"),
                Arguments.of("missing code", draft(null, "Tên", "UNIT", D2008, null), a, null, "code"),
                Arguments.of("code with spaces", draft("T HA NOI", "Tên", "UNIT", D2008, null), a, null, "code"),
                Arguments.of("unknown kind", draft("X2", "Tên", "GALAXY", D2008, null), a, null, "kind"),
                Arguments.of("kind in lower case is accepted", draft("X3", "Tên", "commune", D2008, null), a, null, null),
                Arguments.of("validTo before validFrom", draft("X4", "Tên", "UNIT", D2008, D2008.minusDays(1)), a, null,
                        "validTo"),
                Arguments.of("parent not yet in force", draft("X5", "Tên", "UNIT", LocalDate.of(1990, 1, 1), null), a,
                        null, "parentId"),
                Arguments.of("parent already ended (merged 2025)", draft("X6", "Tên", "UNIT", LocalDate.of(2025, 7, 1),
                        null), closed, null, "parentId"),
                Arguments.of("parent in force on its last day", draft("X7", "Tên", "UNIT", LocalDate.of(2025, 6, 30),
                        null), closed, null, null),
                Arguments.of("moving under itself", ok, a, a, "parentId"),
                Arguments.of("moving under own grandchild (cycle)", ok, c, a, "parentId"),
                Arguments.of("moving under a sibling subtree", ok, c, agency(UUID.randomUUID(), ROOT, root.path() + "z/",
                        D2008, null), null),
                Arguments.of("a root needs no parent", ok, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checksTheTreeRules(String situation, AgencyDraft draft, Agency parent, Agency self, String refusedField) {
        List<FieldError> errors = AgencyRules.check(draft, parent, self);
        if (refusedField == null) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).extracting(FieldError::field).containsExactly(refusedField);
        }
    }

    static Stream<Arguments> validity() {
        return Stream.of(
                Arguments.of(LocalDate.of(2008, 7, 31), false),
                Arguments.of(LocalDate.of(2008, 8, 1), true),
                Arguments.of(LocalDate.of(2025, 6, 1), true),
                Arguments.of(LocalDate.of(2025, 6, 30), true),
                Arguments.of(LocalDate.of(2025, 7, 1), false));
    }

    @ParameterizedTest(name = "as of {0}: {1}")
    @MethodSource("validity")
    void anAgencyIsInForceFromItsFirstToItsLastDayInclusive(LocalDate day, boolean inForce) {
        assertThat(closed.validOn(day)).isEqualTo(inForce);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slugs")
    void demoCodesAreSlugsOfTheNamesWithoutDiacritics(String name, String slug) {
        assertThat(DemoAgencies.slug(name)).isEqualTo(slug);
    }

    static Stream<Arguments> slugs() {
        return Stream.of(Arguments.of("Hà Nội", "HA-NOI"), Arguments.of("Lào Cai", "LAO-CAI"),
                Arguments.of("Tây Ninh", "TAY-NINH"), Arguments.of("Hồ Chí Minh", "HO-CHI-MINH"),
                Arguments.of("Đắk Lắk", "DAK-LAK"), Arguments.of("Bà Rịa - Vũng Tàu", "BA-RIA-VUNG-TAU"),
                Arguments.of("Thừa Thiên Huế", "THUA-THIEN-HUE"));
    }

    @org.junit.jupiter.api.Test
    void aChildPathExtendsItsParentPath() {
        assertThat(Agency.pathOf(a.path(), B)).isEqualTo(b.path());
        assertThat(Agency.pathOf(null, ROOT)).isEqualTo("/" + ROOT + "/");
        assertThat(a.contains(c)).isTrue();
        assertThat(c.contains(a)).isFalse();
    }
}
