package archfixtures;

import org.springframework.jdbc.core.simple.JdbcClient;

public class SneakyAuditWriter {
    void write(JdbcClient jdbc) {
        jdbc.sql("""
                INSERT INTO audit_event (seq, occurred_at, actor_name, action, outcome, prev_hash, hash)
                VALUES (1, now(), 'x', 'y', 'SUCCESS', '', '')""").update();
    }
}
