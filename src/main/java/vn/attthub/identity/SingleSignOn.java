package vn.attthub.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * OpenID Connect sign-in (providers configured with the standard {@code spring.security.oauth2.client.registration.*}
 * properties). The provider proves who the person is; which account that is, and its roles, are ours: an account is
 * found by its linked subject ({@code issuer#sub}) or, on first use, by the provider's verified e-mail (or, if
 * {@code attt.security.sso.match-username=true}, by {@code preferred_username}) and then linked. Nobody is created
 * automatically; an unknown person gets a readable refusal. Our second factor still applies unless the provider
 * asserts one ({@code amr} containing {@code mfa} or {@code otp}).
 */
@Component
class SingleSignOn implements AuthenticationSuccessHandler {
    static final Set<String> MFA_AMR = Set.of("mfa", "otp");
    static final String REFUSED_PAGE = "/login/sso-refused";
    private final JdbcClient jdbc;
    private final SignIn signIn;
    private final AuditLog audit;
    private final boolean matchUsername;

    SingleSignOn(JdbcClient jdbc, SignIn signIn, AuditLog audit,
                 @Value("${attt.security.sso.match-username:false}") boolean matchUsername) {
        this.jdbc = jdbc;
        this.signIn = signIn;
        this.audit = audit;
        this.matchUsername = matchUsername;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        if (!(authentication instanceof OAuth2AuthenticationToken token)
                || !(token.getPrincipal() instanceof OidcUser oidc)) {
            refuse(request, response, null, "not an OpenID Connect sign-in");
            return;
        }
        String registration = token.getAuthorizedClientRegistrationId();
        String subject = oidc.getIssuer() + "#" + oidc.getSubject();
        Optional<UUID> account = match(subject, oidc, registration);
        if (account.isEmpty()) {
            refuse(request, response, oidc, "no matching account");
            return;
        }
        if (signIn.locked(account.get())) {
            refuse(request, response, oidc, "account locked");
            return;
        }
        List<String> amr = oidc.getClaimAsStringList("amr");
        boolean providerMfa = amr != null && amr.stream().anyMatch(a -> MFA_AMR.contains(a.toLowerCase()));
        Authentication next;
        try {
            next = signIn.afterFirstFactor(account.get(), "oidc:" + registration, providerMfa);
        } catch (AuthenticationException disabled) {
            refuse(request, response, oidc, "account disabled");
            return;
        }
        signIn.establish(next, request, response);
        response.sendRedirect(request.getContextPath() + "/");
    }

    private Optional<UUID> match(String subject, OidcUser oidc, String registration) {
        Optional<UUID> linked = jdbc.sql("SELECT id FROM app_user WHERE oidc_subject = ? AND enabled").param(subject)
                .query(UUID.class).optional();
        if (linked.isPresent()) {
            return linked;
        }
        List<UUID> candidates = List.of();
        String via = null;
        if (Boolean.TRUE.equals(oidc.getEmailVerified()) && oidc.getEmail() != null) {
            candidates = jdbc.sql("SELECT id FROM app_user WHERE lower(email) = lower(?) AND oidc_subject IS NULL AND enabled")
                    .param(oidc.getEmail()).query(UUID.class).list();
            via = "verified email";
        }
        if (candidates.isEmpty() && matchUsername && oidc.getPreferredUsername() != null) {
            candidates = jdbc.sql("SELECT id FROM app_user WHERE lower(username) = lower(?) AND oidc_subject IS NULL AND enabled")
                    .param(oidc.getPreferredUsername()).query(UUID.class).list();
            via = "preferred_username";
        }
        if (candidates.size() != 1) {
            return Optional.empty();
        }
        UUID id = candidates.get(0);
        jdbc.sql("UPDATE app_user SET oidc_subject = ?, updated_at = now(), version = version + 1 WHERE id = ?")
                .params(subject, id).update();
        String username = jdbc.sql("SELECT username FROM app_user WHERE id = ?").param(id).query(String.class).single();
        audit.recordFor(id, username, new AuditEntry("user.sso-linked", "user", id.toString(), null,
                AuditEntry.Outcome.SUCCESS, Map.of("provider", registration, "issuer", String.valueOf(oidc.getIssuer()),
                "matchedBy", via)));
        return Optional.of(id);
    }

    void refuse(HttpServletRequest request, HttpServletResponse response, OidcUser oidc, String reason)
            throws IOException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", "oidc");
        details.put("reason", reason);
        if (oidc != null) {
            details.put("issuer", String.valueOf(oidc.getIssuer()));
            details.put("subject", oidc.getSubject());
        }
        String who = oidc == null ? "(sso)" : Optional.ofNullable(oidc.getPreferredUsername())
                .orElse(Optional.ofNullable(oidc.getEmail()).orElse(oidc.getSubject()));
        audit.recordFor(null, who, new AuditEntry("login.failed", "user", null, null, AuditEntry.Outcome.FAILURE,
                details));
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + REFUSED_PAGE);
    }
}
