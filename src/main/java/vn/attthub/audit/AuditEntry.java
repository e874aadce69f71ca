package vn.attthub.audit;

import vn.attthub.shared.AgencyId;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened, to what, in which agency, with a before/after summary. The actor, time and source address are
 * taken from the request and security context by {@link AuditLog}.
 *
 * @param action     dotted verb, e.g. {@code agency.created}, {@code login.failed}
 * @param targetType the kind of record, e.g. {@code agency}
 * @param targetId   the record's id, or null
 * @param agency     the agency whose scope the event belongs to (decides who may see it), or null (platform-wide)
 * @param outcome    SUCCESS, FAILURE or DENIED
 * @param details    small JSON-able summary (before/after values); never secrets
 */
public record AuditEntry(String action, String targetType, String targetId, AgencyId agency, Outcome outcome,
                         Map<String, Object> details) {

    public enum Outcome { SUCCESS, FAILURE, DENIED }

    public AuditEntry {
        details = details == null ? Map.of() : new LinkedHashMap<>(details);
    }

    public static AuditEntry success(String action, String targetType, Object targetId, AgencyId agency,
                                     Map<String, Object> details) {
        return new AuditEntry(action, targetType, targetId == null ? null : targetId.toString(), agency,
                Outcome.SUCCESS, details);
    }

    /** A before/after pair for one changed field, for {@code details}. */
    public static Map<String, Object> change(Object before, Object after) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("before", before);
        m.put("after", after);
        return m;
    }
}
