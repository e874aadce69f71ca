package vn.attthub.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.attthub.audit.AuditLog;

import java.nio.charset.StandardCharsets;

/**
 * One filter chain for pages and API. Pages sign in through a form (sessions kept in PostgreSQL); the API also
 * takes bearer tokens. An unauthenticated API call gets a 401 problem, a page call is sent to the login form.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcHttpSession(tableName = "SPRING_SESSION", maxInactiveIntervalInSeconds = 1800)
class SecurityConfiguration implements WebMvcConfigurer {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final AuditLog audit;

    SecurityConfiguration(AuditLog audit) {
        this.audit = audit;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    PasswordLogin passwordLogin(JdbcClient jdbc, PasswordEncoder passwords, CurrentUsers users) {
        return new PasswordLogin(jdbc, passwords, users, audit);
    }

    @Bean
    AuthenticationManager authenticationManager(PasswordLogin passwordLogin) {
        return new ProviderManager(passwordLogin);
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
                                    CurrentUsers users) throws Exception {
        LoginUrlAuthenticationEntryPoint pageEntryPoint = new LoginUrlAuthenticationEntryPoint("/login");
        http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/login/**", "/error", "/webjars/**", "/css/**", "/js/**",
                                "/img/**", "/favicon.ico", "/actuator/health/**", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(apiEntryPoint, API)
                        .defaultAuthenticationEntryPointFor(pageEntryPoint, request -> true))
                .csrf(csrf -> csrf.ignoringRequestMatchers(BEARER))
                .sessionManagement(session -> session.sessionFixation(f -> f.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny())
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")))
                .addFilterBefore(new ApiTokenAuthentication(jdbc, users, apiEntryPoint), BasicAuthenticationFilter.class);
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
