package vn.attthub.audit.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.audit.AuditChain;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditQuery;
import vn.attthub.audit.AuditRecord;
import vn.attthub.audit.AuditScope;
import vn.attthub.audit.AuditTrail;
import vn.attthub.audit.ChainVerification;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit trail page: filters kept in the URL (a plain GET form, so a filtered view can be bookmarked and shared),
 * newest first with "older entries" paging, each entry's before/after details, a CSV export of the same filter, and
 * for platform-wide readers the chain verification with a "verify now" button (htmx).
 */
@Controller
@RequestMapping("/audit")
@RequiresPermission(Permission.AUDIT_READ)
class AuditPages {
    static final int PAGE_SIZE = 50;
    private final AuditTrail trail;
    private final AuditChain chain;
    private final JsonMapper json;

    AuditPages(AuditTrail trail, AuditChain chain, JsonMapper json) {
        this.trail = trail;
        this.chain = chain;
        this.json = json;
    }

    /** One detail line: a field that changed (before/after) or a plain value. */
    record DetailLine(String field, String before, String after, String value, boolean change) {
    }

    record Row(long seq, ZonedDateTime occurredAt, String actorName, String agency, String action, String targetType,
               String targetId, String outcome, String sourceIp, List<DetailLine> details, String hash) {
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("filters") AuditFilters filters,
                @RequestParam(required = false) Long after, Model model) {
        AuditScope scope = trail.scopeOf(user);
        model.addAttribute("platformWide", scope.platformWide());
        model.addAttribute("outcomes", AuditEntry.Outcome.values());
        model.addAttribute("query", filters.queryString());
        AuditQuery query;
        try {
            query = filters.toQuery();
        } catch (InvalidInputException e) {
            model.addAttribute("filterErrors", e.errors());
            model.addAttribute("rows", List.of());
            return "audit/list";
        }
        List<AuditRecord> page = trail.page(scope, query, after, PAGE_SIZE + 1);
        List<Row> rows = page.stream().limit(PAGE_SIZE).map(this::row).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("after", after);
        model.addAttribute("next", page.size() > PAGE_SIZE ? rows.get(rows.size() - 1).seq() : null);
        return "audit/list";
    }

    /** The verification panel (an htmx fragment); only for platform-wide readers. */
    @GetMapping("/verification")
    String verification(@AuthenticationPrincipal CurrentUser user, Model model) {
        if (!trail.scopeOf(user).platformWide()) {
            throw new org.springframework.security.access.AccessDeniedException("platform-wide readers only");
        }
        ChainVerification result = chain.verify();
        model.addAttribute("platformWide", true);
        model.addAttribute("verification", result);
        model.addAttribute("verifiedAt", result.verifiedAt().atZone(AuditFilters.ZONE));
        return "audit/list :: verification";
    }

    private Row row(AuditRecord r) {
        String agency = r.agencyCode() == null ? null : r.agencyCode() + " · " + r.agencyName();
        return new Row(r.seq(), r.occurredAt().atZone(AuditFilters.ZONE), r.actorName(), agency, r.action(),
                r.targetType(), r.targetId(), r.outcome(), r.sourceIp(), details(r.details()), r.hash());
    }

    private List<DetailLine> details(String text) {
        List<DetailLine> lines = new ArrayList<>();
        JsonNode root = json.readTree(text);
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode v = field.getValue();
            if (v.isObject() && v.has("before") && v.has("after")) {
                lines.add(new DetailLine(field.getKey(), display(v.get("before")), display(v.get("after")), null, true));
            } else {
                lines.add(new DetailLine(field.getKey(), null, null, display(v), false));
            }
        }
        return lines;
    }

    private static String display(JsonNode v) {
        if (v == null || v.isNull()) {
            return "∅";
        }
        return v.isValueNode() ? v.asString() : v.toString();
    }
}
