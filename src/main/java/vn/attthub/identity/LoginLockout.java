package vn.attthub.identity;

import java.time.Duration;
import java.util.Optional;

/**
 * Progressive lockout after consecutive failed sign-ins: the 5th failure locks the account for 1 minute, each
 * further failure doubles the lock, up to 1 hour. A successful sign-in resets the count. This slows password
 * guessing (Circular 12/2022/TT-BTTTT Annex, access control requirements) without locking a person out for good.
 */
final class LoginLockout {
    static final int THRESHOLD = 5;
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCK = Duration.ofHours(1);

    private LoginLockout() {
    }

    /** How long to lock after {@code consecutiveFailures} failures in a row, or empty when not yet. */
    static Optional<Duration> lockAfter(int consecutiveFailures) {
        if (consecutiveFailures < THRESHOLD) {
            return Optional.empty();
        }
        int doublings = Math.min(consecutiveFailures - THRESHOLD, 16);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return Optional.of(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
    }
}
