package vn.attthub;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database is crash-safe when its data is kept (a directory: WAL flushed at every commit), and runs as
 * zonky starts it (no flush) when it is thrown away; attt.embedded-database.durable overrides either.
 */
class EmbeddedDatabaseDurabilityTests {
    @TempDir
    Path dir;

    static String settings(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('fsync') || ',' "
                     + "|| current_setting('synchronous_commit')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String start(String directory, String durable) throws Exception {
        try (EmbeddedPostgres postgres = new EmbeddedDatabaseConfiguration()
                .embeddedPostgres(directory, 0, "128MB", "1GB", durable)) {
            return settings(postgres);
        }
    }

    @Test
    void dataKeptInADirectoryIsFlushedAtEveryCommit() throws Exception {
        assertThat(start(dir.resolve("kept").toString(), "")).isEqualTo("on,on");
    }

    @Test
    void aThrowAwayDatabaseRunsWithoutFlushing() throws Exception {
        assertThat(start("", "")).isEqualTo("off,off");
    }

    @Test
    void theSettingOverridesEitherDefault() throws Exception {
        assertThat(start(dir.resolve("fast").toString(), "false")).isEqualTo("off,off");
        assertThat(start("", "true")).isEqualTo("on,on");
    }
}
