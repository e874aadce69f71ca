package vn.attthub.organisation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the {@link AgencySearchIndex} of the current registry revision (V12). Each use reads the revision, one
 * indexed row, and rebuilds the index only when it changed, so every instance of the application answers from the
 * committed registry, including a change made a moment ago by another instance.
 */
@Component
class AgencySnapshots {
    private static final Logger log = LoggerFactory.getLogger(AgencySnapshots.class);

    private final JdbcClient jdbc;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile AgencySearchIndex current;

    AgencySnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AgencySearchIndex current() {
        long revision = jdbc.sql("SELECT revision FROM agency_registry_revision").query(Long.class).single();
        AgencySearchIndex index = current;
        if (index != null && index.revision() == revision) return index;
        loading.lock();
        try {
            index = current;
            // another request may have loaded it while this one waited; only the same revision will do, as one read
            // inside a transaction that later rolls back sees a revision no committed state will ever have
            if (index != null && index.revision() == revision) return index;
            current = index = load();
            return index;
        } finally {
            loading.unlock();
        }
    }

    /** The revision and every agency read in one statement, hence from one consistent snapshot. */
    private AgencySearchIndex load() {
        long started = System.nanoTime();
        long[] revision = {-1};
        List<Agency> registry = new ArrayList<>();
        jdbc.sql("SELECT r.revision, " + Agencies.COLUMNS
                        + " FROM agency_registry_revision r LEFT JOIN agency a ON TRUE")
                .query(rs -> {
                    revision[0] = rs.getLong("revision");
                    if (rs.getObject("id") != null) registry.add(Agencies.map(rs, registry.size()));
                });
        AgencySearchIndex index = AgencySearchIndex.of(revision[0], registry);
        log.debug("Agency search index of revision {}: {} agencies in {} ms", revision[0], index.size(),
                (System.nanoTime() - started) / 1_000_000);
        return index;
    }
}
