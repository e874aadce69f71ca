package vn.attthub.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.CurrentUser;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One filter chain for pages and API. Pages sign in through a form or OpenID Connect (sessions kept in
 * PostgreSQL), then a second factor where due ({@link MfaGate}); the API also takes bearer tokens. An
 * unauthenticated API call gets a 401 problem, a page call is sent to the login form.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcHttpSession(tableName = "SPRING_SESSION", maxInactiveIntervalInSeconds = 1800)
class SecurityConfiguration implements WebMvcConfigurer {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String SESSION_COOKIE = "SESSION";

    private final AuditLog audit;

    SecurityConfiguration(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * No Micrometer observations inside the security filter chain: each request is already timed as a whole
     * ({@code http.server.requests}) and every security decision that matters is in the audit trail, while the
     * per-filter, authentication and authorisation observations wrap each of the ~15 filters of every request and
     * were a visible share of the API's CPU in profiles (docs/benchmarks.md).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new HttpSessionSecurityContextRepository());
    }

    @Bean
    PasswordLogin passwordLogin(JdbcClient jdbc, PasswordEncoder passwords, SignIn signIn) {
        return new PasswordLogin(jdbc, passwords, signIn, audit);
    }

    @Bean
    AuthenticationManager authenticationManager(PasswordLogin passwordLogin) {
        return new ProviderManager(passwordLogin);
    }

    /**
     * The session cookie: HttpOnly, SameSite=Lax, and Secure when {@code server.servlet.session.cookie.secure}
     * ({@code ATTT_SECURE_COOKIES=true}) is set, or whenever the request came over HTTPS.
     */
    @Bean
    CookieSerializer cookieSerializer(@Value("${server.servlet.session.cookie.secure:false}") boolean secure) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(SESSION_COOKIE);
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite("Lax");
        if (secure) {
            serializer.setUseSecureCookie(true);
        }
        return serializer;
    }

    static final RequestMatcher API = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    static final RequestMatcher BEARER = request -> {
        String h = request.getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
    };

    @Bean
    AuthenticationEntryPoint apiEntryPoint() {
        return (request, response, e) -> {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Bearer realm=\"attt-hub\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                    {"type":"https://attt-hub.vn/problems/unauthorized","title":"Unauthorized","status":401,\
                    "detail":"Cần đăng nhập hoặc mã API hợp lệ (authentication required).","instance":"%s"}"""
                    .formatted(jsonEscape(request.getRequestURI())));
        };
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, AuthenticationEntryPoint apiEntryPoint, JdbcClient jdbc,
                                    CurrentUsers users, ApiTokenCache tokenCache,
                                    SecurityContextRepository contexts,
                                    ObjectProvider<ClientRegistrationRepository> oidcClients,
                                    SingleSignOn singleSignOn) throws Exception {
        LoginUrlAuthenticationEntryPoint pageEntryPoint = new LoginUrlAuthenticationEntryPoint("/login");
        http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/login/**", "/error", "/webjars/**", "/css/**", "/js/**",
                                "/img/**", "/favicon.ico", "/actuator/health/**", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .anyRequest().authenticated())
                .securityContext(c -> c.securityContextRepository(contexts))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof CurrentUser u) {
                                audit.recordFor(u.id().value(), u.username(), AuditEntry.success("logout", "user",
                                        u.id(), u.agency(), Map.of("method", u.authenticatedBy())));
                            }
                        })
                        .invalidateHttpSession(true).clearAuthentication(true).deleteCookies(SESSION_COOKIE)
                        .logoutSuccessUrl("/login?logout"))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(apiEntryPoint, API)
                        .defaultAuthenticationEntryPointFor(pageEntryPoint, request -> true)
                        .defaultAccessDeniedHandlerFor((request, response, denied) -> {
                            // On the API a refused request without credentials (e.g. no CSRF token, no bearer) is a
                            // 401 problem, like any other unauthenticated call; a signed-in one a 403 problem.
                            if (PermissionInterceptor.currentUser() == null) {
                                apiEntryPoint.commence(request, response,
                                        new org.springframework.security.authentication.InsufficientAuthenticationException(
                                                "authentication required"));
                            } else {
                                response.setStatus(HttpStatus.FORBIDDEN.value());
                                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                                response.getWriter().write("""
                                        {"type":"https://attt-hub.vn/problems/forbidden","title":"Forbidden","status":403,\
                                        "detail":"Yêu cầu bị từ chối (request refused)."}""");
                            }
                        }, API)
                        // Pages: a plain 403, rendered by the error page (a single registered handler would
                        // otherwise answer every request, pages included, with the API's JSON).
                        .defaultAccessDeniedHandlerFor(new org.springframework.security.web.access.AccessDeniedHandlerImpl(),
                                request -> true))
                .csrf(csrf -> csrf.ignoringRequestMatchers(BEARER))
                .sessionManagement(session -> session.sessionFixation(f -> f.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny())
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")))
                .addFilterBefore(new ApiTokenAuthentication(jdbc, users, tokenCache, audit, apiEntryPoint),
                        BasicAuthenticationFilter.class)
                .addFilterBefore(new MfaGate(apiEntryPoint), AuthorizationFilter.class);
        if (oidcClients.getIfAvailable() != null) {
            // Single sign-on only when spring.security.oauth2.client.registration.* is configured.
            http.oauth2Login(oauth -> oauth.loginPage("/login")
                    .successHandler(singleSignOn)
                    .failureHandler((request, response, e) -> singleSignOn.refuse(request, response, null,
                            "provider error: " + e.getMessage())));
        }
        return http.build();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PermissionInterceptor(audit));
    }

    static boolean isApi(HttpServletRequest request) {
        return API.matches(request);
    }
}
