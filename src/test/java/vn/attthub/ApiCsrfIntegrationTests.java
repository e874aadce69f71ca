package vn.attthub;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.attthub.shared.Role;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session-less API call is exempt from CSRF (so an anonymous POST gets 401), but a call riding on a browser
 * session still needs the CSRF token: that is where a forged cross-site request would get its credentials.
 */
@IntegrationTest
class ApiCsrfIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    static final Pattern META = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String token(String html, Pattern p) {
        Matcher m = p.matcher(html);
        assertThat(m.find()).as("CSRF token in page").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    @Test
    void anonymousApiPostIs401AndASessionPostNeedsTheCsrfToken() throws Exception {
        TestCallers callers = new TestCallers(jdbc, port);
        assertThat(callers.postJson("/api/v1/test-probe", null, "{\"name\":\"x\"}").statusCode()).isEqualTo(401);

        TestCallers.Caller viewer = callers.caller(callers.root(), Role.VIEWER);
        String password = "Mat-Khau#2026ok";
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?").params(passwords.encode(password), viewer.userId())
                .update();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String loginPage = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String form = "username=" + viewer.username() + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token(loginPage, CSRF), StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).get().asString().doesNotContain("error");

        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(uri("/api/v1/test-probe"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"forged\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);

        String home = browser.send(HttpRequest.newBuilder(uri("/")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> genuine = browser.send(HttpRequest.newBuilder(uri("/api/v1/test-probe"))
                .header("Content-Type", "application/json").header("X-CSRF-TOKEN", token(home, META))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"genuine\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(201);
    }
}
