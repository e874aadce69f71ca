package vn.attthub.organisation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import vn.attthub.shared.AgencyId;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who holds a role, answered from the in-memory registry. Decision 05/2017 Art 6: the IR unit of a ministry or
 * province serves its subordinate bodies, so the nearest holder up the tree serves an agency without its own; Art 7.3:
 * one national coordinator; roles are effective-dated (valid_from..valid_to, both inclusive).
 */
class RegistrySnapshotTests {
    private static final LocalDate FROM = LocalDate.of(2020, 1, 1);
    private final Map<String, Agency> tree = new java.util.LinkedHashMap<>();

    private Agency add(String code, String name, AgencyKind kind, String parent) {
        UUID id = UUID.nameUUIDFromBytes(code.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Agency p = parent == null ? null : tree.get(parent);
        Agency a = new Agency(id, code, name, null, kind, p == null ? null : p.id(),
                Agency.pathOf(p == null ? null : p.path(), id), p == null ? 0 : p.depth() + 1, null, FROM, null, 0,
                false);
        tree.put(code, a);
        return a;
    }

    private RegistrySnapshot.RoleRow role(String holder, AgencyRoleKind kind, String forAgency, String from, String to) {
        return new RegistrySnapshot.RoleRow(tree.get(holder).id(), kind,
                forAgency == null ? null : tree.get(forAgency).id(), LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to));
    }

    private RegistrySnapshot registry() {
        add("VN", "Chính phủ", AgencyKind.GOVERNMENT, null);
        add("BCA", "Bộ Công an", AgencyKind.MINISTRY, "VN");
        add("A05", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", AgencyKind.DEPARTMENT, "BCA");
        add("BTTTT", "Bộ Thông tin và Truyền thông", AgencyKind.MINISTRY, "VN");
        add("VNCERT", "Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam", AgencyKind.UNIT, "BTTTT");
        add("LCI", "UBND tỉnh Lào Cai", AgencyKind.PROVINCE, "VN");
        add("LCI-STTTT", "Sở Thông tin và Truyền thông tỉnh Lào Cai", AgencyKind.DEPARTMENT, "LCI");
        add("LCI-SYT", "Sở Y tế tỉnh Lào Cai", AgencyKind.DEPARTMENT, "LCI");
        add("LCI-BV", "Bệnh viện Đa khoa tỉnh Lào Cai", AgencyKind.UNIT, "LCI-SYT");
        add("TNH", "UBND tỉnh Tây Ninh", AgencyKind.PROVINCE, "VN");
        add("VNPT", "Tập đoàn Bưu chính Viễn thông Việt Nam", AgencyKind.UNIT, "VN");
        add("VIETTEL", "Tập đoàn Công nghiệp - Viễn thông Quân đội", AgencyKind.UNIT, "VN");
        return new RegistrySnapshot(42, tree.values(), List.of(
                // the national coordinator moved from the MIC's VNCERT/CC to the MPS's A05 on 01/03/2025
                role("VNCERT", AgencyRoleKind.NATIONAL_COORDINATOR, null, "2017-01-01", "2025-02-28"),
                role("A05", AgencyRoleKind.NATIONAL_COORDINATOR, null, "2025-03-01", null),
                role("LCI-STTTT", AgencyRoleKind.IR_UNIT, "LCI", "2018-01-01", null),
                // the hospital's own security unit, for a term only
                role("LCI-SYT", AgencyRoleKind.IR_UNIT, "LCI-SYT", "2024-01-01", "2024-12-31"),
                role("VNPT", AgencyRoleKind.IR_NETWORK_MEMBER, null, "2018-01-01", null),
                role("VIETTEL", AgencyRoleKind.IR_NETWORK_MEMBER, null, "2018-01-01", null),
                role("VIETTEL", AgencyRoleKind.IR_NETWORK_MEMBER, "LCI", "2019-01-01", null),
                role("VNCERT", AgencyRoleKind.IR_NETWORK_MEMBER, null, "2017-01-01", "2025-02-28")));
    }

    @ParameterizedTest(name = "IR unit for {0} on {1}: {2}")
    @CsvSource(nullValues = "-", value = {
            // the province's IR unit serves the province itself and every body under it (QĐ05 Điều 6)
            "LCI,       2026-03-01, LCI-STTTT",
            "LCI-BV,    2026-03-01, LCI-STTTT",
            // a nearer holder wins while its term lasts, both ends inclusive
            "LCI-BV,    2024-01-01, LCI-SYT",
            "LCI-BV,    2024-12-31, LCI-SYT",
            "LCI-BV,    2025-01-01, LCI-STTTT",
            // before anyone held it, and for a province without one: nobody
            "LCI,       2017-12-31, -",
            "TNH,       2026-03-01, -",
    })
    void theNearestHolderUpTheTreeServes(String agency, String date, String holder) {
        RegistrySnapshot registry = registry();
        assertThat(registry.nearestHolderFor(AgencyRoleKind.IR_UNIT, tree.get(agency).agencyId(),
                LocalDate.parse(date)).map(AgencySummary::code).orElse(null)).isEqualTo(holder);
    }

    @ParameterizedTest(name = "national coordinator on {0}: {1}")
    @CsvSource({"2025-02-28, VNCERT", "2025-03-01, A05", "2026-11-22, A05"})
    void oneNationalCoordinatorOnEachDate(String date, String holder) {
        RegistrySnapshot registry = registry();
        assertThat(registry.holderOf(AgencyRoleKind.NATIONAL_COORDINATOR, null, LocalDate.parse(date)))
                .get().extracting(AgencySummary::code).isEqualTo(holder);
        // the notice's look-up: the province's IR unit and the coordinator together
        AgencyRoles.Holders holders = registry.holdersFor(AgencyRoleKind.IR_UNIT, tree.get("LCI-BV").agencyId(),
                AgencyRoleKind.NATIONAL_COORDINATOR, LocalDate.parse(date));
        assertThat(holders.serving()).get().extracting(AgencySummary::code).isEqualTo("LCI-STTTT");
        assertThat(holders.national()).get().extracting(AgencySummary::code).isEqualTo(holder);
    }

    @Test
    void aRoleHeldForAnAgencyIsNotAnsweredForAnother() {
        RegistrySnapshot registry = registry();
        LocalDate day = LocalDate.of(2026, 3, 1);
        assertThat(registry.holderOf(AgencyRoleKind.IR_UNIT, tree.get("LCI").agencyId(), day))
                .get().extracting(AgencySummary::code).isEqualTo("LCI-STTTT");
        assertThat(registry.holderOf(AgencyRoleKind.IR_UNIT, tree.get("LCI-BV").agencyId(), day)).isEmpty();
        assertThat(registry.holderOf(AgencyRoleKind.IR_UNIT, null, day)).isEmpty();
        assertThat(registry.nearestHolderFor(AgencyRoleKind.IR_UNIT, AgencyId.of(UUID.randomUUID()), day)).isEmpty();
        assertThat(registry.holdersFor(AgencyRoleKind.IR_UNIT, null, AgencyRoleKind.NATIONAL_COORDINATOR, day)
                .serving()).isEmpty();
    }

    @Test
    void everyHolderOfARoleOnceByCode() {
        RegistrySnapshot registry = registry();
        // Viettel holds the network membership twice (nationally and for Lào Cai): listed once
        assertThat(registry.holdersOf(AgencyRoleKind.IR_NETWORK_MEMBER, LocalDate.of(2026, 3, 1)))
                .extracting(AgencySummary::code).containsExactly("VIETTEL", "VNPT");
        assertThat(registry.holdersOf(AgencyRoleKind.IR_NETWORK_MEMBER, LocalDate.of(2025, 2, 28)))
                .extracting(AgencySummary::code).containsExactly("VIETTEL", "VNCERT", "VNPT");
    }

    @Test
    void theAgenciesAskedForWithTheirPaths() {
        RegistrySnapshot registry = registry();
        AgencyId hospital = tree.get("LCI-BV").agencyId();
        AgencyId unknown = AgencyId.of(UUID.randomUUID());
        Map<AgencyId, Agency> found = registry.registered(java.util.Arrays.asList(hospital, unknown, null));
        assertThat(found).containsOnlyKeys(hospital);
        assertThat(found.get(hospital).path()).startsWith(tree.get("LCI").path());
        assertThat(registry.revision()).isEqualTo(42);
    }
}
