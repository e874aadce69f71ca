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
}
