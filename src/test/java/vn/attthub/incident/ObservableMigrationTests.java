package vn.attthub.incident;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.TestCallers.Caller;
import vn.attthub.shared.Role;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The part of migration V116 that moves observables kept as JSON on earlier notices into {@code incident_observable}:
 * the statements are read from the migration file and run, inside a transaction that is rolled back, against a
 * notice given the old JSON column back.
 */
@IntegrationTest
class ObservableMigrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate tx;

    static List<String> statements() {
        String sql;
        try (var in = ObservableMigrationTests.class.getResourceAsStream("/db/migration/V116__incident_observable_share.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int function = sql.indexOf("CREATE FUNCTION incident_observable_canonical");
        int insert = sql.indexOf("INSERT INTO incident_observable", function);
        int drop = sql.indexOf("DROP FUNCTION incident_observable_canonical", insert);
        int end = sql.indexOf(';', drop) + 1;
        assertThat(function).isPositive();
        return List.of(sql.substring(function, insert), sql.substring(insert, drop), sql.substring(drop, end));
    }

    @Test
    void jsonObservablesOfEarlierNoticesBecomeCanonicalRowsAndNothingIsLost() {
        IncidentFixtures f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        Caller operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        var r = f.callers.postJson("/api/v1/incidents", operator.token(), IncidentFixtures.notice(f.system, "AMBER",
                false, OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(1).withNano(0).toString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = IncidentFixtures.json(r).get("id").asString();
        String legacy = """
                [{"type":"IP","value":" 2001:DB8:0:0:0:0:0:1 "},{"type":"IP","value":"10.0.0.0/8"},
                 {"type":"IP","value":"999.1.1.1"},{"type":"DOMAIN","value":"Evil.EXAMPLE."},
                 {"type":"DOMAIN","value":"evil.example"},{"type":"URL","value":"HTTPS://Evil.Example?q=1"},
                 {"type":"FILE_HASH","value":"D41D8CD98F00B204E9800998ECF8427E","tlp":"GREEN"},
                 {"type":"EMAIL","value":"Phish@Evil.EXAMPLE"},{"type":"DOMAIN","value":"not a domain"}]""";
        JdbcTemplate plain = new JdbcTemplate(dataSource);
        List<Map<String, Object>> rows = tx.execute(status -> {
            status.setRollbackOnly();
            plain.execute("ALTER TABLE incident ADD COLUMN observables JSONB NOT NULL DEFAULT '[]'");
            plain.update("DELETE FROM incident_observable WHERE incident_id = ?::uuid", id);
            plain.update("UPDATE incident SET observables = ?::jsonb WHERE id = ?::uuid", legacy, id);
            for (String s : statements()) plain.execute(s);
            return plain.queryForList("SELECT type, value, raw_value, hash_algorithm, tlp FROM incident_observable "
                    + "WHERE incident_id = ?::uuid ORDER BY type, value", id);
        });
        assertThat(rows).extracting(m -> m.get("type") + " " + m.get("value")).containsExactly(
                "DOMAIN evil.example",
                "EMAIL Phish@evil.example",
                "FILE_HASH d41d8cd98f00b204e9800998ecf8427e",
                "IP 2001:db8::1",
                "OTHER 10.0.0.0/8",
                "OTHER 999.1.1.1",
                "OTHER not a domain",
                "URL https://evil.example/?q=1");
        assertThat(rows).filteredOn(m -> "FILE_HASH".equals(m.get("type")))
                .extracting(m -> m.get("hash_algorithm") + " " + m.get("tlp")).containsExactly("md5 GREEN");
        assertThat(rows).filteredOn(m -> "IP".equals(m.get("type")))
                .extracting(m -> m.get("raw_value") + " " + m.get("tlp")).containsExactly("2001:DB8:0:0:0:0:0:1 AMBER");
        // rolled back: the column is gone again and the notice's own observable is as the API stored it
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'incident' "
                + "AND column_name = 'observables'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT value FROM incident_observable WHERE incident_id = ?::uuid").param(id)
                .query(String.class).list()).containsExactly("203.0.113.7");
    }
}
