package vn.attthub.identity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.attthub.shared.CurrentUser;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers, for a few seconds ({@code attt.security.api-token-cache-ttl}, default 5 s), which user a valid API
 * token stands for, so that a busy machine client costs no identity query per request. Revoking a token, or
 * changing/disabling its user, evicts the entry on this instance at once; other instances notice within the TTL.
 * Keyed by the token's SHA-256, never by the secret.
 */
@Component
class ApiTokenCache {
    static final int MAX_ENTRIES = 10_000;
    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    ApiTokenCache(@Value("${attt.security.api-token-cache-ttl:PT5S}") Duration ttl) {
        this.ttl = ttl;
    }

    static final class Entry {
        final UUID tokenId;
        final CurrentUser user;
        final Instant expiresAt;
        final Instant loadedAt;
        /** Epoch millis of the last recorded use (last_used_at / audit), shared by requests on this instance. */
        final AtomicLong lastTouched;

        Entry(UUID tokenId, CurrentUser user, Instant expiresAt, Instant loadedAt, Instant lastUsedAt) {
            this.tokenId = tokenId;
            this.user = user;
            this.expiresAt = expiresAt;
            this.loadedAt = loadedAt;
            this.lastTouched = new AtomicLong(lastUsedAt == null ? 0 : lastUsedAt.toEpochMilli());
        }
    }

    Entry get(String hash, Instant now) {
        Entry e = entries.get(hash);
        if (e == null) {
            return null;
        }
        if (now.isAfter(e.loadedAt.plus(ttl)) || (e.expiresAt != null && !now.isBefore(e.expiresAt))) {
            entries.remove(hash, e);
            return null;
        }
        return e;
    }

    void put(String hash, Entry entry) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(hash, entry);
    }

    void evictToken(UUID tokenId) {
        entries.values().removeIf(e -> e.tokenId.equals(tokenId));
    }

    void evictUser(UUID userId) {
        entries.values().removeIf(e -> e.user.id().value().equals(userId));
    }
}
