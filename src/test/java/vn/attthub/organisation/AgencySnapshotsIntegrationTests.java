package vn.attthub.organisation;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.IntegrationTest;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Grant;
import vn.attthub.shared.Role;
import vn.attthub.shared.UserId;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search answers from an in-memory copy of the registry; a change written by any instance (here: plain SQL, as another
 * instance would) is found by the very next search, and a change rolled back is never found.
 */
@IntegrationTest
class AgencySnapshotsIntegrationTests {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RootAgency rootAgency;
    @Autowired
    AgencyQueries queries;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AgencyRoles roles;

    CurrentUser reader(AgencyId root) {
        return new CurrentUser(UserId.of(UUID.randomUUID()), "reader", "Người đọc", root,
                List.of(new Grant(Role.PLATFORM_ADMIN, root)), "test");
    }

    List<String> names(String q, CurrentUser user) {
        return queries.search(new AgencySearch(q, null, null, null, null, 50), user).items().stream()
                .map(Agency::name).toList();
    }

    UUID insert(AgencyId root, String code, String name) {
        UUID id = UUID.randomUUID();
        String rootPath = jdbc.sql("SELECT path FROM agency WHERE id = ?").param(root.value()).query(String.class)
                .single();
        jdbc.sql("""
                        INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
                        VALUES (?, ?, ?, 'UNIT', ?, ?, 1, DATE '2020-01-01')""")
                .params(id, code, name, root.value(), rootPath + id + "/").update();
        return id;
    }

    @Test
    void aCommittedChangeIsFoundByTheNextSearch() {
        AgencyId root = rootAgency.ensure();
        CurrentUser user = reader(root);
        String code = ApiClient.unique("SNAP");
        assertThat(names("Trung tâm Kiểm thử Ảnh chụp " + code, user)).isEmpty();
        UUID id = insert(root, code, "Trung tâm Kiểm thử Ảnh chụp " + code);
        assertThat(names("Trung tâm Kiểm thử Ảnh chụp " + code, user)).containsExactly("Trung tâm Kiểm thử Ảnh chụp " + code);

        jdbc.sql("UPDATE agency SET name_vi = ? WHERE id = ?").params("Trung tâm Đổi tên " + code, id).update();
        assertThat(names("Ảnh chụp " + code, user)).isEmpty();
        assertThat(names("Đổi tên " + code, user)).containsExactly("Trung tâm Đổi tên " + code);
        assertThat(names(code, user)).as("code prefix").containsExactly("Trung tâm Đổi tên " + code);
    }

    @Test
    void aRolledBackChangeIsNeverFound() {
        AgencyId root = rootAgency.ensure();
        CurrentUser user = reader(root);
        String code = ApiClient.unique("ROLL");
        insert(root, code, "Đơn vị Gốc " + code);
        assertThat(names(code, user)).containsExactly("Đơn vị Gốc " + code);

        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE agency SET name_vi = ? WHERE upper(code) = upper(?)").params("Đơn vị Tạm " + code, code)
                    .update();
            // inside the transaction the change is visible, and the index built from it is cached for a moment
            assertThat(names(code, user)).containsExactly("Đơn vị Tạm " + code);
            status.setRollbackOnly();
        });
        assertThat(names(code, user)).containsExactly("Đơn vị Gốc " + code);
        assertThat(names("Đơn vị Tạm " + code, user)).isEmpty();
    }

    @Test
    void aRoleGrantedOrEndedByAnyInstanceRoutesTheNextLookUp() {
        // V122: a change of agency_role bumps the registry revision, so role holders answered from memory follow it
        AgencyId root = rootAgency.ensure();
        UUID province = insert(root, ApiClient.unique("TINH"), "UBND tỉnh Lào Cai (kiểm thử)");
        UUID unit = insert(root, ApiClient.unique("IRU"), "Trung tâm Giám sát, điều hành đô thị thông minh (kiểm thử)");
        java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 1);
        assertThat(roles.holderOf(AgencyRoleKind.IR_UNIT, AgencyId.of(province), day)).isEmpty();

        UUID role = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis)
                        VALUES (?, ?, 'IR_UNIT', ?, DATE '2025-07-01', 'Quyết định 05/2017/QĐ-TTg Điều 6')""")
                .params(role, unit, province).update();
        assertThat(roles.holderOf(AgencyRoleKind.IR_UNIT, AgencyId.of(province), day))
                .get().extracting(AgencySummary::id).isEqualTo(AgencyId.of(unit));
        assertThat(roles.nearestHolderFor(AgencyRoleKind.IR_UNIT, AgencyId.of(province), day))
                .get().extracting(AgencySummary::id).isEqualTo(AgencyId.of(unit));

        jdbc.sql("UPDATE agency_role SET valid_to = DATE '2026-02-28' WHERE id = ?").param(role).update();
        assertThat(roles.holderOf(AgencyRoleKind.IR_UNIT, AgencyId.of(province), day)).isEmpty();
        java.time.LocalDate inTerm = java.time.LocalDate.of(2025, 8, 1);
        assertThat(roles.holderOf(AgencyRoleKind.IR_UNIT, AgencyId.of(province), inTerm)).isPresent();
        jdbc.sql("DELETE FROM agency_role WHERE id = ?").param(role).update();
        assertThat(roles.holderOf(AgencyRoleKind.IR_UNIT, AgencyId.of(province), inTerm)).isEmpty();
    }
}
