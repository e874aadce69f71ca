package vn.attthub;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ApplicationSmokeIntegrationTests {
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void loginPageIsVietnameseByDefaultAndCarriesSecurityHeaders() throws Exception {
        HttpResponse<String> page = get("/login", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Đăng nhập");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void linksToStaticFilesAreVersioned() throws Exception {
        String page = get("/login", null).body();
        assertThat(page).containsPattern("href=\"/webjars/bootstrap/\\d+\\.\\d+\\.\\d+/css/bootstrap.min.css\"");
        assertThat(get(page.replaceAll("(?s).*href=\"(/webjars/bootstrap/[^\"]+)\".*", "$1"), null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void apiWithoutCredentialsIsAProblem401AndABadTokenToo() throws Exception {
        HttpResponse<String> none = get("/api/v1/agencies", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(get("/api/v1/agencies", "attt_not-a-real-token").statusCode()).isEqualTo(401);
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = get("/actuator/health/readiness", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }
}
