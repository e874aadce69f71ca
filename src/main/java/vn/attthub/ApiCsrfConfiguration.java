package vn.attthub;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * An API call that carries no session ({@code /api/**} without a session cookie) cannot be a cross-site request
 * forgery: there is no ambient credential for a forged request to ride on. Exempting it from the CSRF check lets
 * such a call reach authentication and get the 401 problem it deserves, instead of a bare 403 "CSRF" page for an
 * unauthenticated POST. Calls that do carry a session cookie keep the CSRF check; bearer-token calls are exempted
 * by the identity module's own configuration. (Spring Security 7 applies {@code Customizer<CsrfConfigurer>} beans
 * to every {@code HttpSecurity}; exemptions add up.)
 */
@Configuration(proxyBeanMethods = false)
class ApiCsrfConfiguration {
    static final RequestMatcher SESSIONLESS_API = (HttpServletRequest request) ->
            request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                    && request.getRequestedSessionId() == null;

    @Bean
    Customizer<CsrfConfigurer<HttpSecurity>> sessionlessApiNeedsNoCsrfToken() {
        return csrf -> csrf.ignoringRequestMatchers(SESSIONLESS_API);
    }
}
