package vn.attthub;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 2 §5 operations: probes, metrics, and readable error pages for people. */
@IntegrationTest
class OperationsIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    TestCallers callers() {
        return new TestCallers(jdbc, port);
    }

    @Test
    void livenessAndReadinessAreUpAndReadinessChecksTheDatabase() {
        HttpResponse<String> live = callers().get("/actuator/health/liveness", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> ready = callers().get("/actuator/health/readiness", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"db\"").contains("\"status\":\"UP\"");
    }

    @Test
    void prometheusMetricsAreServedToALocalScraper() {
        HttpResponse<String> metrics = callers().get("/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void aMissingPageIsAReadableVietnamesePageWithoutInternals() {
        HttpResponse<String> page = callers().send(callers().request("/khong-co-trang-nay", IntegrationTest.BOOTSTRAP_TOKEN)
                .header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("Lỗi 404").contains("Không tìm thấy").contains("Về trang chủ")
                .doesNotContain("Whitelabel").doesNotContain("Exception").doesNotContain("trace");
    }

    @Test
    void aBadParameterOnAPageIsA400PageNotAStackTrace() {
        HttpResponse<String> page = callers().send(callers().request("/audit?after=hom-qua", IntegrationTest.BOOTSTRAP_TOKEN)
                .header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Yêu cầu không hợp lệ").doesNotContain("Exception")
                .doesNotContain("Whitelabel");
    }

    @Test
    void anEnglishReaderGetsTheErrorPageInEnglish() {
        HttpResponse<String> page = callers().send(callers().request("/khong-co?lang=en", IntegrationTest.BOOTSTRAP_TOKEN)
                .header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Not found");
    }

    @Test
    void aPageWithoutThePermissionIsAReadable403Page() {
        TestCallers.Caller viewer = callers().caller(callers().root(), vn.attthub.shared.Role.VIEWER);
        HttpResponse<String> page = callers().send(callers().request("/audit", viewer.token())
                .header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Không có quyền truy cập").doesNotContain("Whitelabel");
    }

    @Test
    void theAuditApiIsDescribedInOpenApi() {
        HttpResponse<String> docs = callers().get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/audit/events").contains("/api/v1/audit/verification")
                .contains("/api/v1/audit/events/export");
    }

    @Test
    void anUnknownApiAddressIsA404Problem() {
        HttpResponse<String> r = callers().get("/api/v1/khong-co", IntegrationTest.BOOTSTRAP_TOKEN);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception");
    }
}
