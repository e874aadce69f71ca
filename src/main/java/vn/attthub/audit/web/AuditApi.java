package vn.attthub.audit.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.audit.AuditChain;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.audit.AuditQuery;
import vn.attthub.audit.AuditRecord;
import vn.attthub.audit.AuditScope;
import vn.attthub.audit.AuditTrail;
import vn.attthub.audit.ChainVerification;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit trail over HTTP (issue 2 §4): entries within the caller's {@code AUDIT_READ} scope, one entry,
 * a CSV export with the same filters, and the verification of the whole hash chain (platform-wide readers only,
 * see {@link AuditScope}).
 */
@RestController
@RequestMapping("/api/v1/audit")
@RequiresPermission(Permission.AUDIT_READ)
class AuditApi {
    private final AuditTrail trail;
    private final AuditChain chain;
    private final AuditLog audit;
    private final JsonMapper json;

    AuditApi(AuditTrail trail, AuditChain chain, AuditLog audit, JsonMapper json) {
        this.trail = trail;
        this.chain = chain;
        this.audit = audit;
        this.json = json;
    }

    record EventView(long seq, Instant occurredAt, UUID actorUserId, String actorName, UUID agencyId,
                     String agencyCode, String action, String targetType, String targetId, String outcome,
                     String sourceIp, JsonNode details, String hash) {
    }

    record EventPage(List<EventView> items, String next) {
    }

    @GetMapping("/verification")
    ChainVerification verification(@AuthenticationPrincipal CurrentUser user) {
        if (!trail.scopeOf(user).platformWide()) {
            throw new AccessDeniedException("chain verification is for platform-wide audit readers");
        }
        return chain.verify();
    }

    @GetMapping("/events")
    EventPage events(@AuthenticationPrincipal CurrentUser user, @ModelAttribute AuditFilters filters,
                     @RequestParam(required = false) Long after, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > AuditTrail.MAX_LIMIT) {
            throw InvalidInputException.field("limit", "between 1 and " + AuditTrail.MAX_LIMIT);
        }
        AuditQuery query = filters.toQuery();
        List<AuditRecord> page = trail.page(trail.scopeOf(user), query, after, limit + 1);
        boolean more = page.size() > limit;
        List<EventView> items = page.stream().limit(limit).map(this::view).toList();
        return new EventPage(items, more ? String.valueOf(items.get(items.size() - 1).seq()) : null);
    }

    @GetMapping("/events/{seq}")
    EventView event(@AuthenticationPrincipal CurrentUser user, @PathVariable long seq) {
        return trail.find(trail.scopeOf(user), seq).map(this::view)
                .orElseThrow(() -> new NotFoundException("audit event", seq));
    }

    @GetMapping("/events/export")
    void export(@AuthenticationPrincipal CurrentUser user, @ModelAttribute AuditFilters filters,
                @RequestParam(defaultValue = "csv") String format, HttpServletResponse response) throws IOException {
        if (!"csv".equalsIgnoreCase(format)) {
            throw InvalidInputException.field("format", "only 'csv' is supported");
        }
        AuditQuery query = filters.toQuery();
        AuditScope scope = trail.scopeOf(user);
        // Taking the trail out of the platform is itself recorded: who exported which filter.
        audit.record(AuditEntry.success("audit.exported", "audit-trail", null, user.agency(),
                Map.of("format", "csv", "filters", filters.queryString(), "platformWide", scope.platformWide())));
        String name = "nhat-ky-kiem-toan-" + LocalDateTime.now(AuditFilters.ZONE)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")) + ".csv";
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString());
        response.setHeader("Cache-Control", "no-store");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (AuditCsv csv = new AuditCsv(writer)) {
            trail.stream(scope, query, csv::write);
        }
    }

    private EventView view(AuditRecord r) {
        return new EventView(r.seq(), r.occurredAt(), r.actorUserId(), r.actorName(), r.agencyId(), r.agencyCode(),
                r.action(), r.targetType(), r.targetId(), r.outcome(), r.sourceIp(), json.readTree(r.details()),
                r.hash());
    }
}
