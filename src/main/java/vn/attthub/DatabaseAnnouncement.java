package vn.attthub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * States on startup which database the platform uses when it is an EXTERNAL one (the embedded one announces
 * itself in {@link EmbeddedDatabaseConfiguration}): the JDBC URL without any password, the user and the server
 * version, so that an operator can tell at a glance that production is not running on a throw-away database.
 */
@Component
class DatabaseAnnouncement {
    private static final Logger log = LoggerFactory.getLogger(DatabaseAnnouncement.class);
    private final DataSource dataSource;
    private final Environment environment;

    DatabaseAnnouncement(DataSource dataSource, Environment environment) {
        this.dataSource = dataSource;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String url = environment.getProperty("spring.datasource.url");
        if (!StringUtils.hasText(url)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            log.info("Database: EXTERNAL {} {} at {} as user '{}'", meta.getDatabaseProductName(),
                    meta.getDatabaseProductVersion(), withoutSecrets(url), meta.getUserName());
        } catch (SQLException e) {
            log.info("Database: EXTERNAL at {} (metadata unavailable: {})", withoutSecrets(url), e.getMessage());
        }
    }

    /** Drops password-like query parameters and user-info from a JDBC URL. */
    static String withoutSecrets(String url) {
        String s = url.replaceAll("(?i)([?&;](password|pwd|sslpassword|sslkey)=)[^&;]*", "$1***");
        return s.replaceAll("//[^/@?]*:[^/@?]*@", "//***@");
    }
}
