package vn.attthub.organisation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.shared.AgencyId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Read access to the agency registry for other modules (no scope check: callers apply their own). */
@Component
public class AgencyDirectory {
    private static final String COLUMNS = "id, code, name_vi, name_en, kind, parent_id, valid_from, valid_to";
    private final JdbcClient jdbc;
    private final AgencySnapshots snapshots;

    AgencyDirectory(JdbcClient jdbc, AgencySnapshots snapshots) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
    }

    /**
     * The registry of its current revision: one read of an indexed row, then every question answered in memory. For
     * hot paths (an incident notice) that ask several: which agencies these are, who holds a role for them.
     */
    public RegistrySnapshot snapshot() {
        return snapshots.current();
    }

    /**
     * The agencies among {@code ids} (missing ones left out), with their paths for {@link AgencyTree#pathWithin}, from
     * the current {@link #snapshot()}.
     */
    public Map<AgencyId, Agency> registered(Collection<AgencyId> ids) {
        return snapshots.current().registered(ids);
    }

    public Optional<AgencySummary> find(AgencyId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agency WHERE id = ?").param(id.value())
                .query(AgencyDirectory::map).optional();
    }

    public Optional<AgencySummary> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agency WHERE upper(code) = upper(?)").param(code)
                .query(AgencyDirectory::map).optional();
    }

    static AgencySummary map(ResultSet rs, int row) throws SQLException {
        UUID parent = rs.getObject("parent_id", UUID.class);
        return new AgencySummary(AgencyId.of(rs.getObject("id", UUID.class)), rs.getString("code"),
                rs.getString("name_vi"), rs.getString("name_en"), rs.getString("kind"),
                parent == null ? null : AgencyId.of(parent), rs.getObject("valid_from", java.time.LocalDate.class),
                rs.getObject("valid_to", java.time.LocalDate.class));
    }
}
