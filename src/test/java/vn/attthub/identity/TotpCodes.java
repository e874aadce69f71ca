package vn.attthub.identity;

import java.time.Instant;

/** Lets tests outside the identity package compute the current TOTP code of a secret shown at enrolment. */
public final class TotpCodes {
    private TotpCodes() {
    }

    public static String current(String base32Secret) {
        return Totp.code(base32Secret.replace(" ", ""), Instant.now());
    }

    /** The code of the next 30-second step, for a second sign-in that must not replay the first code. */
    public static String next(String base32Secret) {
        return Totp.code(base32Secret.replace(" ", ""), Instant.now().plusSeconds(Totp.PERIOD_SECONDS));
    }
}
