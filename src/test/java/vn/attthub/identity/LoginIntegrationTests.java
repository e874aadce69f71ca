package vn.attthub.identity;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.attthub.IntegrationTest;
import vn.attthub.shared.Role;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LoginIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    IdentityFixtures fixtures;
    UUID province;

    @BeforeEach
    void setUp() {
        fixtures = new IdentityFixtures(jdbc, passwords);
        province = fixtures.agency(IdentityFixtures.unique("T-LOGIN"), fixtures.root());
    }

    @Test
    void anOrdinaryUserSignsInWithThePasswordAlone() throws Exception {
        String username = IdentityFixtures.unique("viewer");
        UUID id = fixtures.user(username, province, Role.VIEWER);
        Browser browser = new Browser(port);
        String before = sessionAfterVisitingLogin(browser);
        HttpResponse<String> login = browser.login(username, IdentityFixtures.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(Browser.location(login)).isEqualTo("/");
        assertThat(browser.sessionCookie()).as("session fixation: a new id after sign-in").isNotEqualTo(before);
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Người " + username);
        assertThat(fixtures.auditCount("login.succeeded", id.toString())).isEqualTo(1);
    }

    @Test
    void aPrivilegedUserMustEnrolInMfaBeforeAnythingElseAndThenProveItAtEverySignIn() throws Exception {
        String username = IdentityFixtures.unique("officer");
        UUID id = fixtures.user(username, province, Role.SECURITY_OFFICER);
        Browser browser = new Browser(port);
        assertThat(Browser.location(browser.login(username, IdentityFixtures.PASSWORD))).isEqualTo("/");

        // Half signed-in: only the enrolment page answers.
        assertThat(Browser.location(browser.get("/"))).isEqualTo("/account/mfa/setup");
        assertThat(Browser.location(browser.get("/users"))).isEqualTo("/account/mfa/setup");
        assertThat(browser.api("GET", "/api/v1/users", null).statusCode()).isEqualTo(401);
        assertThat(Browser.location(browser.get("/login/mfa"))).isEqualTo("/account/mfa/setup");

        HttpResponse<String> setup = browser.get("/account/mfa/setup");
        assertThat(setup.statusCode()).isEqualTo(200);
        assertThat(setup.body()).contains("data:image/png;base64,");
        String secret = secretOn(setup.body());
        HttpResponse<String> wrong = browser.post("/account/mfa/setup", Map.of("code", "000000"), "/account/mfa/setup");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("Mã không đúng");
        // The page was fetched again for the CSRF token: a new secret was offered; read it.
        secret = secretOn(browser.get("/account/mfa/setup").body());
        HttpResponse<String> done = postKeepingSecret(browser, "/account/mfa/setup", Totp.code(secret, Instant.now()));
        assertThat(done.statusCode()).isEqualTo(200);
        List<String> codes = recoveryCodes(done.body());
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(browser.get("/").statusCode()).as("enrolment completes the sign-in").isEqualTo(200);

        // Stored encrypted and hashed, never in clear.
        String stored = jdbc.sql("SELECT mfa_secret FROM app_user WHERE id = ?").param(id).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
        List<String> hashes = jdbc.sql("SELECT code_hash FROM mfa_recovery_code WHERE user_id = ?").param(id)
                .query(String.class).list();
        assertThat(hashes).hasSize(10).noneMatch(h -> codes.stream().anyMatch(c -> h.contains(c.replace("-", ""))));
        assertThat(fixtures.auditCount("mfa.enabled", id.toString())).isEqualTo(1);

        // Next sign-in: the second step, a fresh code works once.
        browser.logout();
        Browser second = new Browser(port);
        assertThat(Browser.location(second.login(username, IdentityFixtures.PASSWORD))).isEqualTo("/");
        assertThat(Browser.location(second.get("/"))).isEqualTo("/login/mfa");
        assertThat(second.api("GET", "/api/v1/users", null).statusCode()).isEqualTo(401);
        String next = Totp.code(secret, Instant.now().plusSeconds(30));
        HttpResponse<String> verified = second.post("/login/mfa", Map.of("code", next), "/login/mfa");
        assertThat(Browser.location(verified)).isEqualTo("/");
        assertThat(second.get("/").statusCode()).isEqualTo(200);

        // Replay: the same code again is refused.
        Browser third = new Browser(port);
        third.login(username, IdentityFixtures.PASSWORD);
        HttpResponse<String> replay = third.post("/login/mfa", Map.of("code", next), "/login/mfa");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("đã được dùng");
        assertThat(Browser.location(third.get("/"))).isEqualTo("/login/mfa");

        // A recovery code works once.
        assertThat(Browser.location(third.post("/login/mfa", Map.of("code", codes.get(0)), "/login/mfa"))).isEqualTo("/");
        Browser fourth = new Browser(port);
        fourth.login(username, IdentityFixtures.PASSWORD);
        assertThat(fourth.post("/login/mfa", Map.of("code", codes.get(0)), "/login/mfa").statusCode()).isEqualTo(200);
        assertThat(fixtures.auditCount("login.mfa-failed", id.toString())).isEqualTo(2);
    }

    @Test
    void fiveFailuresLockTheAccountProgressivelyWithTheSameGenericMessage() throws Exception {
        String username = IdentityFixtures.unique("locked");
        UUID id = fixtures.user(username, province, Role.VIEWER);
        Browser browser = new Browser(port);
        for (int i = 0; i < 4; i++) {
            assertThat(Browser.location(browser.login(username, "Wrong-Pass#1"))).isEqualTo("/login?error");
        }
        assertThat(lockedUntil(id)).isNull();
        browser.login(username, "Wrong-Pass#1");
        Instant until = lockedUntil(id);
        assertThat(until).isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));
        assertThat(fixtures.auditCount("account.locked", id.toString())).isEqualTo(1);

        // Even the right password is refused while locked, with the same page as a wrong one.
        HttpResponse<String> locked = browser.login(username, IdentityFixtures.PASSWORD);
        assertThat(Browser.location(locked)).isEqualTo("/login?error");
        HttpResponse<String> page = browser.get("/login?error");
        assertThat(page.body()).contains("Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang bị khóa");

        // After the lock ends, one more failure doubles it (6th consecutive: 2 minutes).
        expireLock(id);
        browser.login(username, "Wrong-Pass#1");
        assertThat(lockedUntil(id)).isBetween(Instant.now().plusSeconds(110), Instant.now().plusSeconds(121));

        // A successful sign-in resets the count.
        expireLock(id);
        assertThat(Browser.location(browser.login(username, IdentityFixtures.PASSWORD))).isEqualTo("/");
        assertThat(jdbc.sql("SELECT failed_logins FROM app_user WHERE id = ?").param(id).query(Integer.class).single())
                .isZero();
    }

    @Test
    void logoutEndsTheSessionInTheDatabase() throws Exception {
        String username = IdentityFixtures.unique("leaver");
        fixtures.user(username, province, Role.VIEWER);
        Browser browser = new Browser(port);
        browser.login(username, IdentityFixtures.PASSWORD);
        String session = browser.sessionCookie();
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        assertThat(sessions(username)).isEqualTo(1);
        assertThat(Browser.location(browser.logout())).isEqualTo("/login?logout");
        assertThat(sessions(username)).isZero();
        Browser replay = new Browser(port);
        replay.cookies.getCookieStore().add(java.net.URI.create("http://localhost:" + port + "/"),
                sessionCookie(session));
        assertThat(Browser.location(replay.get("/"))).isEqualTo("/login");
    }

    @Test
    void aDisabledUserCannotSignIn() throws Exception {
        String username = IdentityFixtures.unique("gone");
        UUID id = fixtures.user(username, province, Role.VIEWER);
        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE id = ?").param(id).update();
        assertThat(Browser.location(new Browser(port).login(username, IdentityFixtures.PASSWORD)))
                .isEqualTo("/login?error");
    }

    private String sessionAfterVisitingLogin(Browser browser) throws Exception {
        browser.get("/login");
        return browser.sessionCookie();
    }

    private long sessions(String username) {
        return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?").param(username)
                .query(Long.class).single();
    }

    private static java.net.HttpCookie sessionCookie(String value) {
        java.net.HttpCookie c = new java.net.HttpCookie("SESSION", value);
        c.setPath("/");
        c.setVersion(0);
        return c;
    }

    private Instant lockedUntil(UUID id) {
        Timestamp t = jdbc.sql("SELECT locked_until FROM app_user WHERE id = ?").param(id).query(Timestamp.class)
                .optional().orElse(null);
        return t == null ? null : t.toInstant();
    }

    private void expireLock(UUID id) {
        jdbc.sql("UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = ?").param(id).update();
    }

    /** Posts the enrolment code without re-fetching the page (which would offer a new secret). */
    private static HttpResponse<String> postKeepingSecret(Browser browser, String path, String code) throws Exception {
        String body = "code=" + code + "&_csrf=" + java.net.URLEncoder.encode(browser.csrf, java.nio.charset.StandardCharsets.UTF_8);
        return browser.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(browser.base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String secretOn(String page) {
        Matcher m = Pattern.compile("class=\"fs-5 mfa-secret\">([A-Z2-7 ]+)<").matcher(page);
        assertThat(m.find()).as("secret shown as text").isTrue();
        return m.group(1).replace(" ", "");
    }

    static List<String> recoveryCodes(String page) {
        Matcher m = Pattern.compile("<code class=\"fs-5\">([a-z2-9]{5}-[a-z2-9]{5})</code>").matcher(page);
        List<String> codes = new java.util.ArrayList<>();
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }
}
