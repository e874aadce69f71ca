package vn.attthub.organisation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.shared.ConflictException;

import java.time.LocalDate;
import java.util.List;

/** Closes a predecessor and records its successors (agency_succession). */
@Component
class AgencySuccessions {
    private final JdbcClient jdbc;
    private final Agencies agencies;

    AgencySuccessions(JdbcClient jdbc, Agencies agencies) {
        this.jdbc = jdbc;
        this.agencies = agencies;
    }

    void record(Agency predecessor, List<Agency> successors, LocalDate effectiveOn, String legalBasis) {
        agencies.close(predecessor.id(), effectiveOn.minusDays(1));
        for (Agency s : successors) {
            int rows = jdbc.sql("""
                            INSERT INTO agency_succession (predecessor_id, successor_id, effective_on, legal_basis)
                            VALUES (:p, :s, :on, :basis) ON CONFLICT DO NOTHING""")
                    .param("p", predecessor.id()).param("s", s.id()).param("on", effectiveOn)
                    .param("basis", legalBasis, java.sql.Types.VARCHAR).update();
            if (rows == 0) {
                throw new ConflictException("Đã ghi nhận kế thừa " + predecessor.code() + " → " + s.code()
                        + " (succession already recorded).");
            }
        }
    }
}
