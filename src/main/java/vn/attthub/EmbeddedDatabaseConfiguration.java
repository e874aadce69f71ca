package vn.attthub;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With no {@code spring.datasource.url}, the platform runs its own PostgreSQL (zonky's embedded binaries) so that
 * {@code ./mvnw spring-boot:run} works on a fresh machine. Data lives in {@code attt.embedded-database.directory}
 * and survives restarts; an empty directory setting gives a throw-away database (tests). Data that survives restarts
 * is also crash-safe: the server flushes its WAL at every commit ({@code fsync} and {@code synchronous_commit} on). A
 * throw-away database runs as zonky starts it, with neither, which is faster and loses nothing that matters there;
 * {@code attt.embedded-database.durable} overrides either choice. An external PostgreSQL is configured by its operator.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${attt.embedded-database.directory:}") String directory,
                                      @Value("${attt.embedded-database.port:0}") int port,
                                      @Value("${attt.embedded-database.shared-buffers:128MB}") String sharedBuffers,
                                      @Value("${attt.embedded-database.max-wal-size:1GB}") String maxWalSize,
                                      @Value("${attt.embedded-database.durable:}") String durableSetting)
            throws IOException {
        boolean durable = StringUtils.hasText(durableSetting) ? Boolean.parseBoolean(durableSetting.strip())
                : StringUtils.hasText(directory);
        // No shutdown hook of its own: it would stop PostgreSQL while Spring's hook is still closing beans that use
        // the database (the event publication registry waited 30 s for a connection). The context closes it last.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("timezone", "UTC")
                // PostgreSQL's default; a larger value keeps the incident list's indexes in the server's own cache
                // (docs/benchmarks.md, issue 4 §5). An external PostgreSQL is tuned by its operator instead.
                .setServerConfig("shared_buffers", sharedBuffers)
                // PostgreSQL's default too; a sustained write load (the intake benchmark) checkpoints less often
                // with more, and so writes fewer full-page images
                .setServerConfig("max_wal_size", maxWalSize)
                .setLocaleConfig("encoding", "UTF8");
        if (durable) {
            // after zonky's own "-F" (fsync off) and synchronous_commit=off on the server's command line: the last wins
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        if (StringUtils.hasText(directory)) {
            Path dir = Path.of(directory).toAbsolutePath().normalize();
            Files.createDirectories(dir.getParent());
            builder.setDataDirectory(dir).setCleanDataDirectory(false);
        }
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Database: EMBEDDED PostgreSQL on port {} with data in {}, {} (set SPRING_DATASOURCE_URL to use an "
                        + "external PostgreSQL >= 15)", postgres.getPort(),
                StringUtils.hasText(directory) ? Path.of(directory).toAbsolutePath().normalize() : "a temporary directory",
                durable ? "WAL flushed at every commit"
                        : "WAL not flushed at commit (not crash-safe: attt.embedded-database.durable=false)");
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres,
                          @org.springframework.beans.factory.annotation.Value("${attt.embedded-database.pool-size:12}")
                          int poolSize) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setPoolName("attt-embedded");
        ds.setMaximumPoolSize(poolSize);
        return ds;
    }
}
