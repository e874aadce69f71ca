package vn.attthub.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.PublicEndpoint;
import vn.attthub.shared.RequiresPermission;

import java.util.Map;

/**
 * Enforces the permission each of our handlers declares. A handler of ours that declares nothing is refused:
 * access is opt-in, never forgotten. Denials are audited.
 */
class PermissionInterceptor implements HandlerInterceptor {
    private final AuditLog audit;

    PermissionInterceptor(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().getPackageName().startsWith("vn.attthub")) {
            return true;
        }
        java.lang.annotation.Annotation rule = rule(method);
        if (rule instanceof PublicEndpoint) {
            return true;
        }
        CurrentUser user = currentUser();
        if (user == null) {
            throw new AuthenticationCredentialsNotFoundException("sign-in required");
        }
        if (rule instanceof AnyAuthenticatedUser) {
            return true;
        }
        if (rule instanceof RequiresPermission required && user.has(required.value())) {
            return true;
        }
        String needed = rule instanceof RequiresPermission required ? required.value().name() : "(undeclared)";
        audit.record(new AuditEntry("access.denied", "endpoint", request.getMethod() + " " + request.getRequestURI(),
                user.agency(), AuditEntry.Outcome.DENIED, Map.of("permission", needed)));
        throw new AccessDeniedException("missing permission " + needed);
    }

    /** The access rule of a handler: the method's own annotation wins over its controller's. */
    static java.lang.annotation.Annotation rule(HandlerMethod method) {
        java.lang.annotation.Annotation onMethod = firstRule(method.getMethod());
        return onMethod != null ? onMethod : firstRule(method.getBeanType());
    }

    private static java.lang.annotation.Annotation firstRule(java.lang.reflect.AnnotatedElement element) {
        for (Class<? extends java.lang.annotation.Annotation> type :
                java.util.List.of(PublicEndpoint.class, AnyAuthenticatedUser.class, RequiresPermission.class)) {
            java.lang.annotation.Annotation a = AnnotatedElementUtils.findMergedAnnotation(element, type);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    static CurrentUser currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof CurrentUser u ? u : null;
    }
}
