package vn.attthub.identity;

import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;

/**
 * The principal of a sign-in that has passed its first factor but not yet the second: it reaches only the MFA
 * pages ({@link MfaGate}). {@code ENROL} is a privileged user without MFA, who must set it up first.
 *
 * @param method how the first factor was proven ({@code password}, {@code oidc:<registration>})
 */
record PendingMfa(UUID userId, String username, Step step, String method) implements Principal, Serializable {
    /** The username, so that sessions are indexed by it (Spring Session's principal name) like full ones. */
    @Override
    public String getName() {
        return username;
    }

    enum Step { VERIFY, ENROL }

    static final String AUTHORITY = "MFA_PENDING";
}
