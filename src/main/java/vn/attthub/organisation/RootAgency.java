package vn.attthub.organisation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.shared.AgencyId;

import java.time.LocalDate;
import java.util.UUID;

/** The root of the agency tree (Chính phủ), created on first start so that every agency has a place. */
@Component
public class RootAgency {
    public static final String CODE = "CP";
    private final JdbcClient jdbc;

    RootAgency(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public AgencyId ensure() {
        return jdbc.sql("SELECT id FROM agency WHERE parent_id IS NULL AND upper(code) = ?").param(CODE)
                .query(UUID.class).optional().map(AgencyId::of)
                .orElseGet(() -> {
                    UUID id = UUID.randomUUID();
                    jdbc.sql("""
                                    INSERT INTO agency (id, code, name_vi, name_en, kind, parent_id, path, depth, valid_from)
                                    VALUES (?, ?, 'Chính phủ', 'Government of Viet Nam', 'GOVERNMENT', NULL, ?, 0, ?)""")
                            .params(id, CODE, "/" + id + "/", LocalDate.of(1945, 9, 2)).update();
                    return AgencyId.of(id);
                });
    }
}
