package vn.attthub.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.UserId;

import java.util.List;
import java.util.UUID;

/** The enabled user accounts that belong to an agency: who an agency-wide message reaches. */
@Component
public class AgencyMembers {
    private final JdbcClient jdbc;

    AgencyMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One member; {@code email} may be blank when the account has none. */
    public record Member(UserId id, String username, String fullName, String email) {
    }

    /** The enabled users whose home agency is one of {@code agencies}, in one query, by agency and username. */
    public java.util.Map<AgencyId, List<Member>> of(java.util.Collection<AgencyId> agencies) {
        java.util.Map<AgencyId, List<Member>> out = new java.util.HashMap<>();
        if (agencies.isEmpty()) return out;
        jdbc.sql("""
                        SELECT agency_id, id, username, full_name, email FROM app_user
                        WHERE agency_id = ANY(:agencies) AND enabled ORDER BY agency_id, lower(username)""")
                .param("agencies", agencies.stream().map(AgencyId::value).distinct().toArray(UUID[]::new))
                .query(rs -> {
                    out.computeIfAbsent(AgencyId.of(rs.getObject(1, UUID.class)), k -> new java.util.ArrayList<>())
                            .add(new Member(UserId.of(rs.getObject(2, UUID.class)), rs.getString(3), rs.getString(4),
                                    rs.getString(5)));
                });
        return out;
    }
}
