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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The users and account pages, driven like a browser by an agency administrator (who must use MFA). */
@IntegrationTest
class IdentityPagesIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    IdentityFixtures fixtures;
    String hanoiCode, laocaiCode, adminName;
    UUID hanoi, laocai, admin;
    Browser browser;
    String totpSecret;

    @BeforeEach
    void signInAsAgencyAdmin() throws Exception {
        fixtures = new IdentityFixtures(jdbc, passwords);
        hanoiCode = IdentityFixtures.unique("T-HN");
        laocaiCode = IdentityFixtures.unique("T-LC");
        hanoi = fixtures.agency(hanoiCode, fixtures.root());
        laocai = fixtures.agency(laocaiCode, fixtures.root());
        adminName = IdentityFixtures.unique("hn.quantri");
        admin = fixtures.user(adminName, hanoi, Role.AGENCY_ADMIN);
        browser = new Browser(port);
        browser.login(adminName, IdentityFixtures.PASSWORD);
        totpSecret = LoginIntegrationTests.secretOn(browser.get("/account/mfa/setup").body());
        HttpResponse<String> codes = browser.post("/account/mfa/setup", Map.of("code", Totp.code(totpSecret, Instant.now())),
                "/login");
        assertThat(codes.statusCode()).isEqualTo(200);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void listFiltersAndHidesOtherProvinces() throws Exception {
        String hnUser = IdentityFixtures.unique("hn.vanhanh");
        fixtures.user(hnUser, hanoi, Role.SYSTEM_OPERATOR);
        String lcUser = IdentityFixtures.unique("lc.vanhanh");
        fixtures.user(lcUser, laocai, Role.SYSTEM_OPERATOR);
        HttpResponse<String> list = browser.get("/users");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(hnUser).contains(adminName).doesNotContain(lcUser);
        String filtered = browser.get("/users?role=SYSTEM_OPERATOR&agency=" + hanoiCode + "&q=vanhanh").body();
        assertThat(filtered).contains(hnUser).doesNotContain(adminName);
        assertThat(browser.get("/users?agency=NO-SUCH-CODE").body()).contains("Không tìm thấy cơ quan có mã này");
        UUID lcId = jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(lcUser).query(UUID.class).single();
        HttpResponse<String> other = browser.get("/users/" + lcId);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("Không tìm thấy");
    }

    @Test
    void createUserShowsFieldErrorsThenCreatesAndManagesTheUser() throws Exception {
        String username = IdentityFixtures.unique("hn.moi");
        Map<String, String> form = new HashMap<>(Map.of("username", username, "fullName", "Trần Văn Mới",
                "email", username + "@hanoi.gov.vn", "agencyCode", hanoiCode, "roles", "APPRAISER",
                "password", "weak"));
        HttpResponse<String> invalid = browser.post("/users", form, "/users/new");
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains("is-invalid").contains("Mật khẩu phải dài hơn 8 ký tự");

        form.put("password", "Manh-Me#2026");
        HttpResponse<String> created = browser.post("/users", form, "/users/new");
        assertThat(created.statusCode()).isEqualTo(302);
        String detailPath = Browser.location(created).replace("?created", "");
        HttpResponse<String> detail = browser.get(Browser.location(created));
        assertThat(detail.body()).contains("Trần Văn Mới").contains("Đã tạo người dùng").contains("Thẩm định");
        String id = detailPath.substring("/users/".length());

        // Grant, then an escalation attempt is refused readably.
        assertThat(browser.post(detailPath + "/roles/grant", Map.of("role", "VIEWER", "agencyCode", ""), detailPath)
                .statusCode()).isEqualTo(302);
        assertThat(browser.get(detailPath).body()).contains("Đã cấp vai trò").contains("Chỉ xem");
        browser.post(detailPath + "/roles/grant", Map.of("role", "PLATFORM_ADMIN", "agencyCode", ""), detailPath);
        assertThat(browser.get(detailPath).body()).contains("Bạn không thể cấp hoặc thu hồi vai trò này");
        browser.post(detailPath + "/roles/grant", Map.of("role", "VIEWER", "agencyCode", laocaiCode), detailPath);
        assertThat(browser.get(detailPath).body()).contains("nằm ngoài phạm vi quản lý");
        assertThat(jdbc.sql("SELECT count(*) FROM user_role WHERE user_id = ?::uuid").param(id).query(Long.class).single())
                .isEqualTo(2);

        browser.post(detailPath + "/roles/revoke", Map.of("role", "VIEWER", "agencyId", hanoi.toString()), detailPath);
        assertThat(browser.get(detailPath).body()).contains("Đã thu hồi vai trò");
        browser.post(detailPath + "/disable", Map.of(), detailPath);
        assertThat(browser.get(detailPath).body()).contains("Đã vô hiệu hóa tài khoản");
        browser.post(detailPath + "/enable", Map.of(), detailPath);
        browser.post(detailPath + "/password", Map.of("password", "Moi-Hon#2027"), detailPath);
        assertThat(browser.get(detailPath).body()).contains("Đã đặt lại mật khẩu");
        assertThat(Browser.location(new Browser(port).login(username, "Moi-Hon#2027"))).isEqualTo("/");
    }

    @Test
    void accountPageChangesPasswordManagesTokensAndRecoveryCodes() throws Exception {
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains(adminName).contains("Quản trị cơ quan").contains("Đã bật từ");

        // API token: shown once, then only its prefix.
        HttpResponse<String> created = browser.post("/account/tokens", Map.of("name", "script", "expiresOn", "2030-12-31"),
                "/account");
        assertThat(created.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("id=\"newToken\">(attt_[A-Za-z0-9_-]+)<").matcher(created.body());
        assertThat(m.find()).isTrue();
        String secret = m.group(1);
        assertThat(IdentityFixtures.call(port, "GET", "/api/v1/users/" + admin, secret, null).statusCode()).isEqualTo(200);
        assertThat(browser.get("/account").body()).doesNotContain(secret).contains("script").contains("31/12/2030");
        UUID tokenId = jdbc.sql("SELECT id FROM api_token WHERE token_hash = ?").param(ApiTokenSecrets.hash(secret))
                .query(UUID.class).single();
        browser.post("/account/tokens/" + tokenId + "/revoke", Map.of(), "/account");
        assertThat(IdentityFixtures.call(port, "GET", "/api/v1/users/" + admin, secret, null).statusCode()).isEqualTo(401);

        // New recovery codes need the password and a current code.
        HttpResponse<String> refused = browser.post("/account/mfa/recovery-codes",
                Map.of("password", "wrong", "code", "000000"), "/account");
        assertThat(Browser.location(refused)).startsWith("/account");
        assertThat(browser.get("/account").body()).contains("Mật khẩu hoặc mã xác thực không đúng");
        HttpResponse<String> codes = browser.post("/account/mfa/recovery-codes", Map.of("password",
                IdentityFixtures.PASSWORD, "code", Totp.code(totpSecret, Instant.now().plusSeconds(30))), "/account");
        assertThat(LoginIntegrationTests.recoveryCodes(codes.body())).hasSize(10);

        // Password change: policy enforced, audited, then the new one works.
        browser.post("/account/password", Map.of("currentPassword", IdentityFixtures.PASSWORD,
                "newPassword", "short", "confirmPassword", "short"), "/account");
        assertThat(browser.get("/account").body()).contains("Mật khẩu phải dài hơn 8 ký tự");
        browser.post("/account/password", Map.of("currentPassword", IdentityFixtures.PASSWORD,
                "newPassword", "Doi-Moi#2026x", "confirmPassword", "Doi-Moi#2026x"), "/account");
        assertThat(browser.get("/account").body()).contains("Đã đổi mật khẩu");
        assertThat(fixtures.auditCount("user.password-changed", admin.toString())).isEqualTo(1);
        assertThat(Browser.location(new Browser(port).login(adminName, "Doi-Moi#2026x"))).isEqualTo("/");
    }

    @Test
    void aPrivilegedUserCannotSwitchMfaOff() throws Exception {
        browser.post("/account/mfa/disable", Map.of("password", IdentityFixtures.PASSWORD, "code", "123456"), "/account");
        assertThat(browser.get("/account").body()).contains("bắt buộc dùng xác thực hai lớp nên không thể tắt");
        assertThat(jdbc.sql("SELECT mfa_enabled FROM app_user WHERE id = ?").param(admin).query(Boolean.class).single())
                .isTrue();
    }
}
