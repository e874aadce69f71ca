package vn.attthub.infosystem;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencyRoleKind;
import vn.attthub.organisation.AgencyRoles;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.organisation.AgencyTree;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Registers and edits systems. Beyond {@link SystemRules}: the owner must hold the SYSTEM_OWNER role in the agency
 * registry on the day (Decree 85/2016 Art 3.1, 5.1), the owner or the operator must lie in the caller's SYSTEM_MANAGE
 * scope, components and connected systems must be registered systems the caller can see, and a system cannot contain
 * itself through its components (Art 5.2). Every change is audited in the same transaction.
 */
@Component
public class SystemRegistry {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private final Systems systems;
    private final AgencyDirectory agencies;
    private final AgencyRoles roles;
    private final AgencyTree tree;
    private final AuditLog audit;

    SystemRegistry(Systems systems, AgencyDirectory agencies, AgencyRoles roles, AgencyTree tree, AuditLog audit) {
        this.systems = systems;
        this.agencies = agencies;
        this.roles = roles;
        this.tree = tree;
        this.audit = audit;
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** The system if the caller may change it (owner or operator in their SYSTEM_MANAGE scope); otherwise 404. */
    public InformationSystem manageable(UUID id, CurrentUser user) {
        return systems.findInScope(id, user.scopeOf(Permission.SYSTEM_MANAGE))
                .orElseThrow(() -> new NotFoundException("information-system", id));
    }

    /** As {@link #manageable}, or any system when there is no caller (demo data, system work). */
    InformationSystem manageableOrAny(UUID id, CurrentUser user) {
        if (user != null) return manageable(id, user);
        return systems.find(id).orElseThrow(() -> new NotFoundException("information-system", id));
    }

    @Transactional
    public InformationSystem create(SystemDraft draft, CurrentUser user) {
        return create(draft, user, false);
    }

    /** Registers a system; {@code demo} marks demo data (created without a caller, see DemoSystems). */
    @Transactional
    InformationSystem create(SystemDraft draft, CurrentUser user, boolean demo) {
        UUID id = UUID.randomUUID();
        InformationSystem system = validated(id, draft, user, null, 0, 0, demo);
        if (systems.codeTaken(system.code(), null)) throw codeTaken();
        systems.insert(system);
        var checked = SystemRules.check(draft, id, today());
        systems.replaceLinks(id, distinct(draft.componentIds()), distinct(draft.connectedSystemIds()),
                checked.domains(), checked.ipRanges());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", system.code());
        details.put("name", system.name());
        details.put("ownerId", system.ownerId().value());
        details.put("operatorId", system.operatorId().value());
        details.put("systemType", system.systemType().name());
        details.put("lifecycle", system.lifecycle().name());
        AuditEntry entry = AuditEntry.success("information-system.created", "information-system", id,
                system.ownerId(), details);
        if (user == null) audit.recordFor(null, "system", entry); else audit.record(entry);
        return systems.find(id).orElseThrow();
    }

    /** Edits a system the caller may manage; a stale {@code expectedVersion} is a 412. */
    @Transactional
    public InformationSystem update(UUID id, SystemDraft draft, int expectedVersion, CurrentUser user) {
        InformationSystem current = manageable(id, user);
        if (current.version() != expectedVersion) throw ConflictException.staleVersion();
        InformationSystem changed = validated(id, draft, user, current, current.version(),
                current.inventoryVersion(), current.demo());
        if (!changed.code().equalsIgnoreCase(current.code()) && systems.codeTaken(changed.code(), id)) {
            throw codeTaken();
        }
        List<UUID> componentsBefore = systems.components(id).stream().map(InformationSystem::id).toList();
        List<String> domainsBefore = systems.domains(id);
        List<String> rangesBefore = systems.ipRanges(id);
        if (!systems.update(changed, expectedVersion)) throw ConflictException.staleVersion();
        var checked = SystemRules.check(draft, id, today());
        systems.replaceLinks(id, distinct(draft.componentIds()), distinct(draft.connectedSystemIds()),
                checked.domains(), checked.ipRanges());
        Map<String, Object> diff = diff(current, changed);
        put(diff, "componentIds", componentsBefore.stream().sorted().toList(),
                distinct(draft.componentIds()).stream().sorted().toList());
        put(diff, "domains", domainsBefore.stream().sorted().toList(),
                systems.domains(id));
        put(diff, "publicIpRanges", rangesBefore, systems.ipRanges(id));
        if (!diff.isEmpty()) {
            audit.record(AuditEntry.success("information-system.updated", "information-system", id,
                    changed.ownerId(), diff));
        }
        return systems.find(id).orElseThrow();
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return ids.stream().filter(Objects::nonNull).distinct().toList();
    }

    private InformationSystem validated(UUID id, SystemDraft draft, CurrentUser user, InformationSystem current,
                                        int version, int inventoryVersion, boolean demo) {
        LocalDate today = today();
        var checked = SystemRules.check(draft, id, today);
        List<FieldError> errors = new ArrayList<>(checked.errors());
        AgencySummary owner = null;
        AgencySummary operator = null;
        if (draft.ownerId() != null) {
            owner = agencies.find(AgencyId.of(draft.ownerId())).orElse(null);
            if (owner == null) {
                errors.add(new FieldError("ownerId", "Không tìm thấy cơ quan chủ quản (owner agency not found)."));
            } else if (roles.of(draft.ownerId()).stream()
                    .noneMatch(r -> r.role() == AgencyRoleKind.SYSTEM_OWNER && r.activeOn(today))) {
                errors.add(new FieldError("ownerId", "Cơ quan " + owner.code() + " không giữ vai trò chủ quản hệ "
                        + "thống thông tin (SYSTEM_OWNER, Nghị định 85/2016 Điều 3.1) vào ngày " + DISPLAY.format(today)
                        + " (the owner must hold SYSTEM_OWNER in the agency registry)."));
            }
        }
        if (draft.operatorId() != null) {
            operator = agencies.find(AgencyId.of(draft.operatorId())).orElse(null);
            if (operator == null) {
                errors.add(new FieldError("operatorId", "Không tìm thấy đơn vị vận hành (operator agency not found)."));
            }
        }
        if (user != null && owner != null && operator != null) {
            Set<AgencyId> scope = user.scopeOf(Permission.SYSTEM_MANAGE);
            if (!tree.within(owner.id(), scope) && !tree.within(operator.id(), scope)) {
                errors.add(new FieldError("operatorId", "Chủ quản hoặc đơn vị vận hành phải thuộc phạm vi quản lý "
                        + "của bạn (the owner or the operator must be within your scope)."));
            }
        }
        if (draft.hostingProviderId() != null && agencies.find(AgencyId.of(draft.hostingProviderId())).isEmpty()) {
            errors.add(new FieldError("hostingProviderId", "Không tìm thấy cơ quan cung cấp (provider not found)."));
        }
        Set<AgencyId> readScope = user == null ? null : user.scopeOf(Permission.SYSTEM_READ);
        linked(draft.componentIds(), "componentIds", readScope, errors);
        linked(draft.connectedSystemIds(), "connectedSystemIds", readScope, errors);
        if (current != null) {
            for (int i = 0; i < draft.componentIds().size(); i++) {
                UUID c = draft.componentIds().get(i);
                if (c != null && systems.containsTransitively(c, id)) {
                    errors.add(new FieldError("componentIds[" + i + "]", "Hệ thống này đã là thành phần của hệ thống "
                            + "được chọn; không thể tạo vòng lặp thành phần (Nghị định 85/2016 Điều 5.2) "
                            + "(component cycle)."));
                }
            }
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Dữ liệu không hợp lệ (invalid input).", errors);
        return new InformationSystem(id, draft.code().strip(), draft.name().strip(),
                SystemDraft.trimToNull(draft.description()), owner.id(), operator.id(), draft.systemType(),
                EnumSet.copyOf(draft.informationTypes()), draft.levelInputs(), draft.lifecycle(), draft.goLiveDate(),
                draft.hosting(), draft.hostingProviderId() == null ? null : AgencyId.of(draft.hostingProviderId()),
                SystemDraft.trimToNull(draft.hostingProviderName()),
                current == null ? null : current.approvedLevel(), current == null ? null : current.approvedDossierId(),
                current == null ? null : current.approvedAt(), demo, version, inventoryVersion);
    }

    private void linked(List<UUID> ids, String field, Set<AgencyId> readScope, List<FieldError> errors) {
        for (int i = 0; i < ids.size(); i++) {
            UUID other = ids.get(i);
            if (other == null) continue;
            boolean visible = readScope == null ? systems.find(other).isPresent()
                    : systems.findInScope(other, readScope).isPresent();
            if (!visible) {
                errors.add(new FieldError(field + "[" + i + "]", "Không tìm thấy hệ thống trong danh mục "
                        + "(system not found)."));
            }
        }
    }

    static Map<String, Object> diff(InformationSystem before, InformationSystem after) {
        Map<String, Object> d = new LinkedHashMap<>();
        put(d, "code", before.code(), after.code());
        put(d, "name", before.name(), after.name());
        put(d, "description", before.description(), after.description());
        put(d, "ownerId", before.ownerId().value(), after.ownerId().value());
        put(d, "operatorId", before.operatorId().value(), after.operatorId().value());
        put(d, "systemType", before.systemType().name(), after.systemType().name());
        put(d, "informationTypes", before.informationTypes().stream().map(Enum::name).sorted().toList(),
                after.informationTypes().stream().map(Enum::name).sorted().toList());
        put(d, "levelInputs", before.criteria(), after.criteria());
        put(d, "lifecycle", before.lifecycle().name(), after.lifecycle().name());
        put(d, "goLiveDate", String.valueOf(before.goLiveDate()), String.valueOf(after.goLiveDate()));
        put(d, "hosting", before.hosting().name(), after.hosting().name());
        put(d, "hostingProviderId", before.hostingProviderId(), after.hostingProviderId());
        put(d, "hostingProviderName", before.hostingProviderName(), after.hostingProviderName());
        return d;
    }

    private static void put(Map<String, Object> d, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            d.put(field, AuditEntry.change(before, after));
        }
    }

    static InvalidInputException codeTaken() {
        return new InvalidInputException(409, "Mã hệ thống đã được dùng (code already in use).",
                List.of(new FieldError("code", "Mã hệ thống đã được dùng (code already in use).")));
    }
}
