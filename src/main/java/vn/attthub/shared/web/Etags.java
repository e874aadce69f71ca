package vn.attthub.shared.web;

import vn.attthub.shared.ConflictException;

/**
 * Optimistic concurrency over HTTP (RFC 9110 §8.8.3, §13.1.1) from a row's {@code version} column.
 * <pre>{@code
 * // GET: return ResponseEntity.ok().eTag(Etags.of(agency.version())).body(view);
 * // PUT: Etags.requireMatch(ifMatchHeader, current.version());   // 428 when absent, 412 when stale
 * }</pre>
 * Comparison is strong, as If-Match requires: a weak tag ({@code W/"3"}) never matches; {@code *} matches any
 * existing record.
 */
public final class Etags {
    private Etags() {
    }

    /** The strong entity tag of a version: {@code "7"} (with the quotes). */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * @param ifMatch the request's {@code If-Match} header, possibly null or a comma-separated list
     * @throws ConflictException 428 when the header is absent, 412 when no tag names the current version
     */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ConflictException(428,
                    "Cần tiêu đề If-Match với ETag của bản ghi (If-Match header required; GET the record for its ETag).");
        }
        String current = of(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(current)) {
                return;
            }
        }
        throw ConflictException.staleVersion();
    }
}
