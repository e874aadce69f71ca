package vn.attthub.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Guards {@code /actuator/prometheus}. Metrics reveal request paths, rates, pool sizes and versions, which help an
 * attacker, so they are not public: a scrape is allowed from the loopback interface
 * ({@code attt.metrics.allow-loopback}, default true) or with {@code Authorization: Bearer <attt.metrics.token>}
 * (env {@code ATTT_METRICS_TOKEN}; compared in constant time, then hidden from the rest of the chain so it is not
 * mistaken for an API token). Anything else gets 403. Behind a reverse proxy on the same host every request looks
 * like loopback: then set {@code attt.metrics.allow-loopback=false} and use the token (see docs/operations.md).
 */
public class MetricsAccess extends OncePerRequestFilter {
    private final boolean allowLoopback;
    private final byte[] token;

    public MetricsAccess(boolean allowLoopback, String token) {
        this.allowLoopback = allowLoopback;
        this.token = token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/actuator/prometheus") || path.startsWith("/actuator/prometheus/")
                || path.startsWith("/actuator/metrics"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token != null && bearerMatches(request.getHeader("Authorization"))) {
            chain.doFilter(new WithoutAuthorization(request), response);
            return;
        }
        if (allowLoopback && loopback(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        FilterProblems.write(response, 403, "Forbidden",
                "Số liệu giám sát chỉ dành cho hệ thống giám sát được cấu hình (metrics need the configured token).");
    }

    private boolean bearerMatches(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            // Only literal addresses reach here (Tomcat does not resolve names), so no DNS lookup happens.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static final class WithoutAuthorization extends HttpServletRequestWrapper {
        WithoutAuthorization(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return "Authorization".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Authorization".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !"Authorization".equalsIgnoreCase(n)).toList());
        }
    }
}
