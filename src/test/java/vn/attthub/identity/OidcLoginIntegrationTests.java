package vn.attthub.identity;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.attthub.IntegrationTest;
import vn.attthub.shared.Role;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on against a real OpenID Connect provider (mock-oauth2-server) running inside the test, configured
 * only through the standard Spring Boot properties.
 */
@IntegrationTest
// Its own context (the provider's properties): closed after the class, while its embedded database still runs,
// rather than at JVM exit where it races the database's own shutdown hook.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OidcLoginIntegrationTests {
    static final String ISSUER = "attt-idp";
    static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        PROVIDER.start();
        String prefix = "spring.security.oauth2.client.";
        registry.add(prefix + "registration.vneid.client-id", () -> "attt-hub");
        registry.add(prefix + "registration.vneid.client-secret", () -> "attt-hub-secret");
        registry.add(prefix + "registration.vneid.client-name", () -> "Cổng định danh thử nghiệm");
        registry.add(prefix + "registration.vneid.scope", () -> "openid,email,profile");
        registry.add(prefix + "provider.vneid.issuer-uri", () -> PROVIDER.issuerUrl(ISSUER).toString());
    }

    @AfterAll
    static void stop() {
        PROVIDER.shutdown();
    }

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
        province = fixtures.agency(IdentityFixtures.unique("T-SSO"), fixtures.root());
    }

    /** Runs the authorization-code flow through the provider and returns where our application finally sends the browser. */
    HttpResponse<String> signInWithProvider(Browser browser, String subject, Map<String, Object> claims) throws Exception {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, "JWT", List.of("attt-hub"), claims, 3600));
        HttpResponse<String> r = browser.get("/oauth2/authorization/vneid");
        assertThat(r.statusCode()).isEqualTo(302);
        int hops = 0;
        while (r.statusCode() == 302 && hops++ < 5) {
            String location = r.headers().firstValue("Location").orElseThrow();
            if (location.startsWith("/") || location.startsWith(browser.base + "/") && !location.contains("/login/oauth2/")
                    && !location.contains(ISSUER)) {
                return r;
            }
            r = browser.get(r.uri().resolve(location).toString());
        }
        return r;
    }

    @Test
    void theLoginPageOffersTheConfiguredProvider() throws Exception {
        assertThat(new Browser(port).get("/login").body()).contains("Đăng nhập bằng Cổng định danh thử nghiệm")
                .contains("/oauth2/authorization/vneid");
    }

    @Test
    void aKnownPersonIsMatchedByVerifiedEmailLinkedAndBecomesOurUser() throws Exception {
        String username = IdentityFixtures.unique("sso.viewer");
        UUID id = fixtures.user(username, province, Role.VIEWER);
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = new Browser(port);
        HttpResponse<String> end = signInWithProvider(browser, subject,
                Map.of("email", username + "@test.attt-hub.vn", "email_verified", true, "amr", List.of("pwd")));
        assertThat(Browser.location(end)).isEqualTo("/");
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Người " + username);
        assertThat(jdbc.sql("SELECT oidc_subject FROM app_user WHERE id = ?").param(id).query(String.class).single())
                .endsWith("#" + subject);
        assertThat(fixtures.auditCount("user.sso-linked", id.toString())).isEqualTo(1);

        // Next time the subject alone finds the account, whatever the e-mail says.
        Browser again = new Browser(port);
        assertThat(Browser.location(signInWithProvider(again, subject, Map.of("email", "changed@example.org"))))
                .isEqualTo("/");
        assertThat(again.get("/").body()).contains("Người " + username);
        assertThat(fixtures.auditCount("login.succeeded", id.toString())).isEqualTo(2);
    }

    @Test
    void anUnknownOrUnverifiedPersonIsRefusedReadablyAndNothingIsCreated() throws Exception {
        long users = jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
        Browser browser = new Browser(port);
        HttpResponse<String> end = signInWithProvider(browser, "sub-" + UUID.randomUUID(),
                Map.of("email", "stranger@example.org", "email_verified", true));
        assertThat(Browser.location(end)).isEqualTo(SingleSignOn.REFUSED_PAGE);
        HttpResponse<String> page = browser.get(SingleSignOn.REFUSED_PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Không thể đăng nhập một lần").contains("không được tạo tự động");
        assertThat(Browser.location(browser.get("/"))).isEqualTo("/login");

        String username = IdentityFixtures.unique("sso.unverified");
        fixtures.user(username, province, Role.VIEWER);
        assertThat(Browser.location(signInWithProvider(new Browser(port), "sub-" + UUID.randomUUID(),
                Map.of("email", username + "@test.attt-hub.vn", "email_verified", false))))
                .isEqualTo(SingleSignOn.REFUSED_PAGE);
        assertThat(jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single()).isEqualTo(users + 1);
    }

    @Test
    void ourSecondFactorAppliesToPrivilegedUsersUnlessTheProviderAssertsMfa() throws Exception {
        String username = IdentityFixtures.unique("sso.officer");
        fixtures.user(username, province, Role.SECURITY_OFFICER);
        String email = username + "@test.attt-hub.vn";
        String subject = "sub-" + UUID.randomUUID();
        Browser withoutMfa = new Browser(port);
        assertThat(Browser.location(signInWithProvider(withoutMfa, subject,
                Map.of("email", email, "email_verified", true, "amr", List.of("pwd"))))).isEqualTo("/");
        assertThat(Browser.location(withoutMfa.get("/"))).isEqualTo("/account/mfa/setup");
        assertThat(withoutMfa.api("GET", "/api/v1/users", null).statusCode()).isEqualTo(401);

        Browser withMfa = new Browser(port);
        assertThat(Browser.location(signInWithProvider(withMfa, subject,
                Map.of("email", email, "email_verified", true, "amr", List.of("pwd", "mfa"))))).isEqualTo("/");
        assertThat(withMfa.get("/").statusCode()).isEqualTo(200);
        assertThat(withMfa.api("GET", "/api/v1/users", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledAccountIsRefused() throws Exception {
        String username = IdentityFixtures.unique("sso.disabled");
        UUID id = fixtures.user(username, province, Role.VIEWER);
        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE id = ?").param(id).update();
        assertThat(Browser.location(signInWithProvider(new Browser(port), "sub-" + UUID.randomUUID(),
                Map.of("email", username + "@test.attt-hub.vn", "email_verified", true))))
                .isEqualTo(SingleSignOn.REFUSED_PAGE);
    }
}
