package vn.attthub.incident;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.shared.Role;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board shows the first 200 open cases; with more, it says so, so that the columns' numbers are not read as
 * totals (an operator of a department with 201 open cases).
 */
@IntegrationTest
class IncidentBoardIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void moreOpenCasesThanCardsIsSaidOnTheBoard() {
        IncidentFixtures f = new IncidentFixtures(jdbc, new TestCallers(jdbc, port));
        var operator = f.callers.caller(f.owner, Role.SYSTEM_OPERATOR);
        String at = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(2).withNano(0).toString();
        for (int i = 0; i < 200; i++) {
            var r = f.callers.postJson("/api/v1/incidents", operator.token(),
                    IncidentFixtures.notice(f.system, "AMBER", false, at));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        String board = f.callers.get("/incidents/board", operator.token()).body();
        assertThat(board).contains("sự cố đang xử lý (<span>200</span>)").doesNotContain("board-partial");

        var last = f.callers.postJson("/api/v1/incidents", operator.token(),
                IncidentFixtures.notice(f.system, "AMBER", false, at));
        assertThat(last.statusCode()).as(last.body()).isEqualTo(201);
        board = f.callers.get("/incidents/board", operator.token()).body();
        assertThat(board).contains("sự cố đang xử lý (<span>201</span>)", "id=\"board-partial\"",
                "Bảng hiển thị <b>200</b> sự cố đang xử lý đầu tiên");
    }
}
