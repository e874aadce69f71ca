package vn.attthub.organisation;

import vn.attthub.shared.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;

/**
 * A search over the registry: prefix of the code or part of the Vietnamese/English name, kind, direct children of a
 * parent, agencies in force on a date; keyset-paged by code.
 */
public record AgencySearch(String q, AgencyKind kind, UUID parentId, LocalDate asOf, String after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** Shorter terms match the beginning of a code or name only; from this length, anywhere in the name (trigrams). */
    public static final int MIN_CONTAINS_LENGTH = 3;

    public AgencySearch {
        q = AgencyDraft.trimToNull(q);
        if (limit <= 0) limit = DEFAULT_LIMIT;
        if (limit > MAX_LIMIT) {
            throw InvalidInputException.field("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (after != null && !after.isBlank()) {
            decode(after);
        } else {
            after = null;
        }
        if (q != null && q.length() > 200) {
            throw InvalidInputException.field("q", "q is at most 200 characters");
        }
    }

    public static AgencySearch of(String q, String kind, UUID parentId, LocalDate asOf, String after, Integer limit) {
        AgencyKind k = null;
        if (kind != null && !kind.isBlank()) {
            k = AgencyKind.parse(kind);
            if (k == null) {
                throw InvalidInputException.field("kind", "invalid value '" + kind + "'; expected one of "
                        + java.util.Arrays.toString(AgencyKind.values()));
            }
        }
        return new AgencySearch(q, k, parentId, asOf, after, limit == null ? DEFAULT_LIMIT : limit);
    }

    static String encode(String upperCode) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(upperCode.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("after", "invalid cursor");
        }
    }

    public AgencySearch after(String cursor) {
        return new AgencySearch(q, kind, parentId, asOf, cursor, limit);
    }
}
