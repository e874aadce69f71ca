package vn.attthub;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;

import java.util.Arrays;

/**
 * What the navigation bar may show to the signed-in user, as {@code @navigation.can('SYSTEM_READ')} in templates:
 * a link appears only when its page would let the user in. Unknown permission names are a template error, not a
 * silently hidden link.
 */
@Component("navigation")
public class Navigation {

    /** Whether the signed-in user holds {@code permission} anywhere (the page itself scopes what they see). */
    public boolean can(String permission) {
        CurrentUser user = user();
        return user != null && user.has(Permission.valueOf(permission));
    }

    /** Whether the signed-in user holds at least one of {@code permissions}. */
    public boolean canAny(String... permissions) {
        return Arrays.stream(permissions).anyMatch(this::can);
    }

    /** Whether the "Quản trị" menu has anything for this user: an administrative permission or reading users. */
    public boolean admin() {
        CurrentUser user = user();
        if (user == null) {
            return false;
        }
        return user.has(Permission.USER_READ)
                || Arrays.stream(Permission.values()).anyMatch(p -> p.administrative() && user.has(p));
    }

    private static CurrentUser user() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CurrentUser u ? u : null;
    }
}
