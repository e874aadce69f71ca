package vn.attthub.organisation;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.Role;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Changes to the agency tree: create, edit (including moving a subtree), and mergers/splits. Each change is checked
 * against {@link AgencyRules}, limited to the caller's AGENCY_MANAGE scope and audited in the same transaction.
 */
@Component
public class AgencyRegistry {
    private final Agencies agencies;
    private final AgencySuccessions successions;
    private final AuditLog audit;

    AgencyRegistry(Agencies agencies, AgencySuccessions successions, AuditLog audit) {
        this.agencies = agencies;
        this.successions = successions;
        this.audit = audit;
    }

    static Set<AgencyId> manageScope(CurrentUser user) {
        return user.scopeOf(Permission.AGENCY_MANAGE);
    }

    /** The agency, if the caller may change it; otherwise "not found" (never reveal other agencies' records). */
    public Agency manageable(UUID id, CurrentUser user) {
        return agencies.findInScope(id, manageScope(user)).orElseThrow(() -> new NotFoundException("agency", id));
    }

    private Agency parentFor(UUID parentId, CurrentUser user) {
        if (parentId == null) {
            if (!user.hasRole(Role.PLATFORM_ADMIN)) {
                throw new AccessDeniedException("only a platform administrator creates a root agency");
            }
            return null;
        }
        return agencies.findInScope(parentId, manageScope(user)).orElseThrow(() -> new InvalidInputException(404,
                "Không tìm thấy cơ quan cấp trên trong phạm vi quản lý (parent not found).",
                List.of(new FieldError("parentId", "Không tìm thấy cơ quan cấp trên (parent not found)."))));
    }

    @Transactional
    public Agency create(AgencyDraft input, CurrentUser user) {
        AgencyDraft draft = input.withValidFromDefault(Dates.today());
        Agency parent = parentFor(draft.parentId(), user);
        List<FieldError> errors = new ArrayList<>(AgencyRules.check(draft, parent, null));
        throwIfAny(errors);
        String code = draft.code().strip();
        if (agencies.codeTaken(code, null)) {
            throw codeTaken();
        }
        UUID id = UUID.randomUUID();
        Agency agency = new Agency(id, code, draft.name().strip(), AgencyDraft.trimToNull(draft.nameEn()),
                AgencyKind.parse(draft.kind()), parent == null ? null : parent.id(),
                Agency.pathOf(parent == null ? null : parent.path(), id), parent == null ? 0 : parent.depth() + 1,
                AgencyDraft.trimToNull(draft.address()), draft.validFrom(), draft.validTo(), 0, false);
        agencies.insert(agency, false);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", agency.code());
        details.put("name", agency.name());
        details.put("kind", agency.kind().name());
        details.put("parentId", agency.parentId());
        details.put("validFrom", agency.validFrom().toString());
        audit.record(AuditEntry.success("agency.created", "agency", id, agency.agencyId(), details));
        return agency;
    }

    /**
     * Changes fields and, when the parent differs, moves the whole subtree (audited separately as agency.moved).
     * A stale {@code expectedVersion} is a 412.
     */
    @Transactional
    public Agency update(UUID id, AgencyDraft input, int expectedVersion, CurrentUser user) {
        Agency current = manageable(id, user);
        if (current.version() != expectedVersion) {
            throw ConflictException.staleVersion();
        }
        AgencyDraft draft = input.withValidFromDefault(current.validFrom());
        boolean moving = !Objects.equals(draft.parentId(), current.parentId());
        Agency parent;
        if (!moving) {
            parent = current.parentId() == null ? null : agencies.find(current.parentId()).orElse(null);
        } else {
            parent = parentFor(draft.parentId(), user);
        }
        List<FieldError> errors = new ArrayList<>(AgencyRules.check(draft, parent, current));
        throwIfAny(errors);
        if (!Objects.equals(draft.validFrom(), current.validFrom()) || !Objects.equals(draft.validTo(), current.validTo())) {
            // the children must still start while their parent is in force
            agencies.childStartingOutside(id, draft.validFrom(), draft.validTo()).ifPresent(child -> {
                throw InvalidInputException.field(draft.validFrom().isAfter(current.validFrom()) ? "validFrom" : "validTo",
                        "Đơn vị trực thuộc " + child + " bắt đầu ngoài thời gian hiệu lực mới "
                                + "(a child agency would start outside the new validity).");
            });
        }
        String code = draft.code().strip();
        if (!code.equalsIgnoreCase(current.code()) && agencies.codeTaken(code, id)) {
            throw codeTaken();
        }
        Agency changed = new Agency(id, code, draft.name().strip(), AgencyDraft.trimToNull(draft.nameEn()),
                AgencyKind.parse(draft.kind()), current.parentId(), current.path(), current.depth(),
                AgencyDraft.trimToNull(draft.address()), draft.validFrom(), draft.validTo(), current.version(),
                current.demo());
        if (!agencies.update(changed, expectedVersion)) {
            throw ConflictException.staleVersion();
        }
        Map<String, Object> diff = diff(current, changed);
        if (!diff.isEmpty()) {
            audit.record(AuditEntry.success("agency.updated", "agency", id, current.agencyId(), diff));
        }
        if (moving) {
            int rows = agencies.moveSubtree(current, parent);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("parentId", AuditEntry.change(current.parentId(), parent == null ? null : parent.id()));
            details.put("subtreeSize", rows);
            audit.record(AuditEntry.success("agency.moved", "agency", id, current.agencyId(), details));
        }
        return agencies.find(id).orElseThrow();
    }

    static Map<String, Object> diff(Agency before, Agency after) {
        Map<String, Object> d = new LinkedHashMap<>();
        put(d, "code", before.code(), after.code());
        put(d, "name", before.name(), after.name());
        put(d, "nameEn", before.nameEn(), after.nameEn());
        put(d, "kind", before.kind().name(), after.kind().name());
        put(d, "address", before.address(), after.address());
        put(d, "validFrom", String.valueOf(before.validFrom()), String.valueOf(after.validFrom()));
        put(d, "validTo", before.validTo() == null ? null : before.validTo().toString(),
                after.validTo() == null ? null : after.validTo().toString());
        return d;
    }

    private static void put(Map<String, Object> d, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) d.put(field, AuditEntry.change(before, after));
    }

    /**
     * A merger or split: the agency ends the day before {@code effectiveOn} and names its successors, which must be in
     * force on that day. Recording the same succession twice is refused.
     */
    @Transactional
    public Agency succeed(UUID id, List<UUID> successorIds, LocalDate effectiveOn, String legalBasis, CurrentUser user) {
        Agency current = manageable(id, user);
        List<FieldError> errors = new ArrayList<>();
        if (effectiveOn == null) {
            errors.add(new FieldError("effectiveOn", "Ngày hiệu lực là bắt buộc (effectiveOn is required)."));
        }
        if (successorIds == null || successorIds.isEmpty()) {
            errors.add(new FieldError("successorIds", "Cần ít nhất một cơ quan kế thừa (at least one successor)."));
        }
        throwIfAny(errors);
        Set<UUID> unique = new LinkedHashSet<>(successorIds);
        List<Agency> successors = new ArrayList<>();
        int i = 0;
        for (UUID sid : unique) {
            String field = "successorIds[" + i++ + "]";
            if (sid == null || sid.equals(id)) {
                errors.add(new FieldError(field, "Cơ quan kế thừa không hợp lệ (invalid successor)."));
                continue;
            }
            Agency s = agencies.findInScope(sid, AgencyQueries.readScope(user)).orElse(null);
            if (s == null) {
                errors.add(new FieldError(field, "Không tìm thấy cơ quan kế thừa (successor not found)."));
            } else if (!s.validOn(effectiveOn)) {
                errors.add(new FieldError(field, "Cơ quan kế thừa " + s.code() + " không có hiệu lực vào ngày "
                        + Dates.display(effectiveOn) + " (successor not valid on effectiveOn)."));
            } else if (current.contains(s)) {
                errors.add(new FieldError(field, "Cơ quan kế thừa không được là đơn vị cấp dưới "
                        + "(a successor cannot be inside the closed agency)."));
            } else {
                successors.add(s);
            }
        }
        LocalDate closing = effectiveOn.minusDays(1);
        if (closing.isBefore(current.validFrom())) {
            errors.add(new FieldError("effectiveOn", "Ngày hiệu lực phải sau ngày bắt đầu của cơ quan "
                    + "(effectiveOn must be after the agency's validFrom)."));
        }
        if (current.validTo() != null && current.validTo().isBefore(closing)) {
            errors.add(new FieldError("effectiveOn", "Cơ quan đã hết hiệu lực từ " + Dates.display(current.validTo())
                    + " (the agency had already ended)."));
        }
        throwIfAny(errors);
        successions.record(current, successors, effectiveOn, AgencyDraft.trimToNull(legalBasis));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("validTo", AuditEntry.change(current.validTo() == null ? null : current.validTo().toString(),
                closing.toString()));
        details.put("successors", successors.stream().map(Agency::code).toList());
        details.put("effectiveOn", effectiveOn.toString());
        details.put("legalBasis", legalBasis);
        audit.record(AuditEntry.success("agency.succeeded", "agency", id, current.agencyId(), details));
        return agencies.find(id).orElseThrow();
    }

    static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Dữ liệu không hợp lệ (invalid input).", errors);
        }
    }

    static InvalidInputException codeTaken() {
        return new InvalidInputException(409, "Mã cơ quan đã được dùng (code already in use).",
                List.of(new FieldError("code", "Mã cơ quan đã được dùng (code already in use).")));
    }
}
