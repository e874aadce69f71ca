package vn.attthub.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Keeps a half-finished sign-in ({@link PendingMfa}) on the MFA pages: nothing else, page or API, is reachable until
 * the second factor is proven (or, for a privileged user without MFA, until it is set up).
 */
class MfaGate extends OncePerRequestFilter {
    static final String VERIFY_PAGE = "/login/mfa";
    static final String ENROL_PAGE = "/account/mfa/setup";
    private static final List<String> ALWAYS = List.of("/webjars/", "/css/", "/js/", "/img/", "/favicon.ico",
            "/error", "/logout", "/login");
    private final AuthenticationEntryPoint apiEntryPoint;

    MfaGate(AuthenticationEntryPoint apiEntryPoint) {
        this.apiEntryPoint = apiEntryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof PendingMfa pending)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean allowed = ALWAYS.stream().anyMatch(path::startsWith)
                || (pending.step() == PendingMfa.Step.ENROL && path.equals(ENROL_PAGE));
        if (allowed) {
            chain.doFilter(request, response);
        } else if (SecurityConfiguration.isApi(request)) {
            apiEntryPoint.commence(request, response,
                    new InsufficientAuthenticationException("second factor required"));
        } else {
            response.sendRedirect(request.getContextPath()
                    + (pending.step() == PendingMfa.Step.ENROL ? ENROL_PAGE : VERIFY_PAGE));
        }
    }
}
