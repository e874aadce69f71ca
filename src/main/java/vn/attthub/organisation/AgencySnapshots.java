package vn.attthub.organisation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the {@link RegistrySnapshot} (agencies, their search index and legal roles) of the current registry revision
 * (V12, V122). Each use reads the revision, one indexed row, and reloads only when it changed, so every instance of
 * the application answers from the committed registry, including a change made a moment ago by another instance.
 */
@Component
class AgencySnapshots {
    private static final Logger log = LoggerFactory.getLogger(AgencySnapshots.class);

    private final JdbcClient jdbc;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile RegistrySnapshot current;

    AgencySnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    RegistrySnapshot current() {
        long revision = jdbc.sql("SELECT revision FROM agency_registry_revision").query(Long.class).single();
        RegistrySnapshot snapshot = current;
        if (snapshot != null && snapshot.revision() == revision) return snapshot;
        loading.lock();
        try {
            snapshot = current;
            // another request may have loaded it while this one waited; only the same revision will do, as one read
            // inside a transaction that later rolls back sees a revision no committed state will ever have
            if (snapshot != null && snapshot.revision() == revision) return snapshot;
            current = snapshot = load();
            return snapshot;
        } finally {
            loading.unlock();
        }
    }

    /**
     * The revision, every agency and every role read in one statement, hence from one consistent snapshot: agency rows
     * carry a null role, role rows null agency columns.
     */
    private RegistrySnapshot load() {
        long started = System.nanoTime();
        long[] revision = {-1};
        List<Agency> registry = new ArrayList<>();
        List<RegistrySnapshot.RoleRow> roles = new ArrayList<>();
        jdbc.sql("SELECT r.revision, " + Agencies.COLUMNS + ", NULL::uuid AS role_holder, NULL::varchar AS role, "
                        + "NULL::uuid AS role_for, NULL::date AS role_from, NULL::date AS role_to"
                        + " FROM agency_registry_revision r LEFT JOIN agency a ON TRUE"
                        + " UNION ALL SELECT r.revision" + ", NULL".repeat(Agencies.COLUMNS.split(",").length)
                        + ", x.agency_id, x.role, x.for_agency_id, x.valid_from, x.valid_to"
                        + " FROM agency_registry_revision r JOIN agency_role x ON TRUE")
                .query(rs -> {
                    revision[0] = rs.getLong("revision");
                    if (rs.getString("role") != null) {
                        roles.add(new RegistrySnapshot.RoleRow(rs.getObject("role_holder", UUID.class),
                                AgencyRoleKind.valueOf(rs.getString("role")), rs.getObject("role_for", UUID.class),
                                rs.getObject("role_from", LocalDate.class), rs.getObject("role_to", LocalDate.class)));
                    } else if (rs.getObject("id") != null) {
                        registry.add(Agencies.map(rs, registry.size()));
                    }
                });
        RegistrySnapshot snapshot = new RegistrySnapshot(revision[0], registry, roles);
        log.debug("Agency registry of revision {}: {} agencies, {} roles in {} ms", revision[0], registry.size(),
                roles.size(), (System.nanoTime() - started) / 1_000_000);
        return snapshot;
    }
}
