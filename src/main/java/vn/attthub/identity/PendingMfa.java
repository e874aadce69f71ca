package vn.attthub.identity;

import java.io.Serializable;
import java.util.UUID;

/**
 * The principal of a sign-in that has passed its first factor but not yet the second: it reaches only the MFA
 * pages ({@link MfaGate}). {@code ENROL} is a privileged user without MFA, who must set it up first.
 *
 * @param method how the first factor was proven ({@code password}, {@code oidc:<registration>})
 */
record PendingMfa(UUID userId, String username, Step step, String method) implements Serializable {
    enum Step { VERIFY, ENROL }

    static final String AUTHORITY = "MFA_PENDING";
}
