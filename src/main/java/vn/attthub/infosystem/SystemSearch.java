package vn.attthub.infosystem;

import vn.attthub.shared.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * A search of the register: text (code prefix or part of the name), the owner's agency subtree, lifecycle, approved
 * level ({@code 1}-{@code 5}, or {@code none} for systems without an approved level); keyset-paged by code.
 */
public record SystemSearch(String q, UUID ownerId, Lifecycle lifecycle, Integer level, boolean unapproved,
                           String after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static SystemSearch of(String q, UUID ownerId, String lifecycle, String level, String after, Integer limit) {
        String text = SystemDraft.trimToNull(q);
        if (text != null && text.length() > 200) throw InvalidInputException.field("q", "q is at most 200 characters");
        Lifecycle lc = null;
        if (lifecycle != null && !lifecycle.isBlank()) {
            try {
                lc = Lifecycle.valueOf(lifecycle.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.field("lifecycle", "invalid value '" + lifecycle + "'; expected one of "
                        + Arrays.toString(Lifecycle.values()));
            }
        }
        Integer lv = null;
        boolean none = false;
        if (level != null && !level.isBlank()) {
            if (level.strip().equalsIgnoreCase("none")) {
                none = true;
            } else {
                try {
                    lv = Integer.parseInt(level.strip());
                } catch (NumberFormatException e) {
                    lv = -1;
                }
                if (lv < 1 || lv > 5) {
                    throw InvalidInputException.field("level", "level must be 1-5 or 'none'");
                }
            }
        }
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) throw InvalidInputException.field("limit", "limit must be between 1 and " + MAX_LIMIT);
        String cursor = after == null || after.isBlank() ? null : after;
        if (cursor != null) decode(cursor);
        return new SystemSearch(text, ownerId, lc, lv, none, cursor, l);
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
}
