package vn.attthub.audit.web;

import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditQuery;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The audit filters as they arrive in the query string (API and page alike), kept as text so that a page can show
 * them back and a bad value becomes a 400 naming the parameter. Dates are either a day ({@code 2026-11-21}, taken in
 * Asia/Ho_Chi_Minh; {@code to} includes the whole day) or an ISO-8601 instant ({@code 2026-11-21T08:00:00Z}).
 */
record AuditFilters(String from, String to, String actor, String action, String targetType, String targetId,
                    String agencyId, String outcome) {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    AuditQuery toQuery() {
        List<FieldError> errors = new ArrayList<>();
        Instant fromInstant = time("from", from, false, errors);
        Instant toInstant = time("to", to, true, errors);
        UUID agency = null;
        if (present(agencyId)) {
            try {
                agency = UUID.fromString(agencyId.trim());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("agencyId", "not a UUID"));
            }
        }
        AuditEntry.Outcome outcomeValue = null;
        if (present(outcome)) {
            try {
                outcomeValue = AuditEntry.Outcome.valueOf(outcome.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("outcome", "expected one of SUCCESS, FAILURE, DENIED"));
            }
        }
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.add(new FieldError("to", "must be after 'from'"));
        }
        for (Map.Entry<String, String> text : Map.of("actor", nz(actor), "action", nz(action),
                "targetType", nz(targetType), "targetId", nz(targetId)).entrySet()) {
            if (text.getValue().length() > 200) {
                errors.add(new FieldError(text.getKey(), "at most 200 characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Bộ lọc không hợp lệ (invalid filter).", errors);
        }
        return new AuditQuery(fromInstant, toInstant, blankToNull(actor), blankToNull(action), blankToNull(targetType),
                blankToNull(targetId), agency, outcomeValue);
    }

    private static Instant time(String field, String value, boolean endOfDay, List<FieldError> errors) {
        if (!present(value)) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZONE).toInstant();
            }
            return v.endsWith("Z") ? Instant.parse(v) : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "expected a date yyyy-MM-dd or an ISO-8601 instant"));
            return null;
        }
    }

    /** The filters as a query string (without paging), for links that keep them: next page, export. */
    String queryString() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        m.put("actor", actor);
        m.put("action", action);
        m.put("targetType", targetType);
        m.put("targetId", targetId);
        m.put("agencyId", agencyId);
        m.put("outcome", outcome);
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> {
            if (present(v)) {
                if (!sb.isEmpty()) sb.append('&');
                sb.append(k).append('=').append(URLEncoder.encode(v.trim(), StandardCharsets.UTF_8));
            }
        });
        return sb.toString();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return present(s) ? s.trim() : null;
    }
}
