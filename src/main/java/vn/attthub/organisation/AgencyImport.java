package vn.attthub.organisation;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.Role;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Imports agencies from CSV or XLSX. Every row is validated first and every error is reported (row, column,
 * message); nothing is saved unless the whole file is valid, and a dry run never saves. A row may name as parent an
 * agency already in the registry (inside the caller's AGENCY_MANAGE scope) or one defined on an earlier row.
 * An agency already in the registry with exactly the same fields is reported as unchanged, so an exported file can be
 * imported again.
 */
@Component
public class AgencyImport {
    public static final long MAX_BYTES = 5L * 1024 * 1024;
    public static final int MAX_ROWS = 20_000;
    static final Map<String, String> COLUMN_OF_FIELD = Map.of("code", "code", "name", "name", "nameEn", "nameEn",
            "kind", "kind", "parentId", "parentCode", "address", "address", "validFrom", "validFrom",
            "validTo", "validTo");

    private final Agencies agencies;
    private final AuditLog audit;
    private final AgencyQueries queries;

    AgencyImport(Agencies agencies, AuditLog audit, AgencyQueries queries) {
        this.agencies = agencies;
        this.audit = audit;
        this.queries = queries;
    }

    public record RowError(int row, String column, String message) {
    }

    public enum Action { CREATE, UNCHANGED }

    public record RowPlan(int row, String code, String name, String kind, String parentCode, LocalDate validFrom,
                          LocalDate validTo, Action action) {
    }

    public record Report(boolean dryRun, boolean saved, int rowsRead, int created, int unchanged, List<RowPlan> rows,
                         List<RowError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    @Transactional
    public Report run(byte[] content, boolean dryRun, CurrentUser user) {
        if (content == null || content.length == 0) {
            return failed(dryRun, List.of(new RowError(0, "file", "Tệp rỗng (the file is empty).")));
        }
        if (content.length > MAX_BYTES) {
            return failed(dryRun, List.of(new RowError(0, "file", "Tệp vượt quá giới hạn 5 MB (file larger than 5 MB).")));
        }
        List<AgencyFiles.RawRow> rows;
        try {
            rows = AgencyFiles.read(content, MAX_ROWS);
        } catch (AgencyFiles.Unreadable e) {
            return failed(dryRun, List.of(new RowError(1, "file", e.getMessage())));
        }
        if (rows.isEmpty()) {
            return failed(dryRun, List.of(new RowError(1, "file", "Tệp không có dòng dữ liệu nào (no data rows).")));
        }
        Set<AgencyId> scope = AgencyRegistry.manageScope(user);
        boolean platformAdmin = user.hasRole(Role.PLATFORM_ADMIN);
        List<RowError> errors = new ArrayList<>();
        List<RowPlan> plans = new ArrayList<>();
        Map<String, Agency> defined = new HashMap<>(); // code (upper) -> agency planned by an earlier row
        // every code the file mentions, looked up at once
        java.util.Set<String> mentioned = new java.util.HashSet<>();
        rows.forEach(r -> {
            if (r.get("code") != null) mentioned.add(r.get("code"));
            if (r.get("parentCode") != null) mentioned.add(r.get("parentCode"));
        });
        Map<String, Agency> existingByCode = agencies.findByCodes(mentioned);
        Set<UUID> scopeIds = new java.util.HashSet<>();
        scope.forEach(s -> scopeIds.add(s.value()));
        for (AgencyFiles.RawRow raw : rows) {
            int before = errors.size();
            LocalDate validFrom = date(raw, "validFrom", errors);
            LocalDate validTo = date(raw, "validTo", errors);
            String code = raw.get("code");
            String parentCode = raw.get("parentCode");
            Agency parent = null;
            boolean parentKnown = true;
            if (parentCode != null) {
                parent = defined.get(parentCode.toUpperCase(Locale.ROOT));
                if (parent == null) {
                    Agency known = existingByCode.get(parentCode.toUpperCase(Locale.ROOT));
                    parent = known != null && inScope(known, scopeIds) ? known : null;
                }
                if (parent == null) {
                    parentKnown = false;
                    errors.add(new RowError(raw.row(), "parentCode", "Không tìm thấy cơ quan cấp trên '" + parentCode
                            + "' trong phạm vi quản lý hoặc ở các dòng phía trên (parent not found)."));
                }
            } else if (!platformAdmin) {
                parentKnown = false;
                errors.add(new RowError(raw.row(), "parentCode", "Cần mã cơ quan cấp trên; chỉ quản trị nền tảng "
                        + "được tạo cơ quan gốc (parentCode is required)."));
            }
            AgencyDraft draft = new AgencyDraft(code, raw.get("name"), raw.get("nameEn"), raw.get("kind"), null,
                    raw.get("address"), validFrom == null && raw.get("validFrom") == null ? Dates.today() : validFrom,
                    validTo);
            boolean dateErrors = errors.size() > before;
            for (FieldError e : AgencyRules.check(draft, parentKnown ? parent : null, null)) {
                if (dateErrors && e.field().equals("validFrom")) continue;
                errors.add(new RowError(raw.row(), COLUMN_OF_FIELD.getOrDefault(e.field(), e.field()), e.message()));
            }
            Action action = Action.CREATE;
            if (code != null && AgencyRules.CODE.matcher(code).matches()) {
                String key = code.toUpperCase(Locale.ROOT);
                if (defined.containsKey(key) || plans.stream().anyMatch(p -> p.code().equalsIgnoreCase(code))) {
                    errors.add(new RowError(raw.row(), "code", "Mã '" + code + "' lặp lại trong tệp (duplicate code in file)."));
                } else {
                    Agency existing = existingByCode.get(key);
                    if (existing != null) {
                        if (same(existing, draft, parent)) {
                            action = Action.UNCHANGED;
                        } else {
                            errors.add(new RowError(raw.row(), "code", "Mã '" + code + "' đã có trong danh mục với thông "
                                    + "tin khác; hãy sửa cơ quan đó trên trang chi tiết (code already exists)."));
                        }
                    }
                }
            }
            if (errors.size() == before) {
                AgencyKind kind = AgencyKind.parse(draft.kind());
                UUID id = action == Action.UNCHANGED ? existingByCode.get(code.toUpperCase(Locale.ROOT)).id()
                        : UUID.randomUUID();
                Agency planned = action == Action.UNCHANGED ? existingByCode.get(code.toUpperCase(Locale.ROOT))
                        : new Agency(id, code,
                        draft.name(), draft.nameEn(), kind, parent == null ? null : parent.id(),
                        Agency.pathOf(parent == null ? null : parent.path(), id),
                        parent == null ? 0 : parent.depth() + 1, draft.address(), draft.validFrom(), draft.validTo(),
                        0, false);
                defined.put(code.toUpperCase(Locale.ROOT), planned);
                plans.add(new RowPlan(raw.row(), code, draft.name(), kind.name(), parentCode, draft.validFrom(),
                        draft.validTo(), action));
            } else if (code != null) {
                plans.add(new RowPlan(raw.row(), code, draft.name(), draft.kind(), parentCode, draft.validFrom(),
                        draft.validTo(), null));
            }
        }
        int created = (int) plans.stream().filter(p -> p.action() == Action.CREATE).count();
        int unchanged = (int) plans.stream().filter(p -> p.action() == Action.UNCHANGED).count();
        if (!errors.isEmpty() || dryRun) {
            return new Report(dryRun, false, rows.size(), errors.isEmpty() ? created : 0, unchanged, plans, errors);
        }
        List<Agency> toCreate = plans.stream().filter(p -> p.action() == Action.CREATE)
                .map(p -> defined.get(p.code().toUpperCase(Locale.ROOT))).toList();
        agencies.insertAll(toCreate);
        for (Agency a : toCreate) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("code", a.code());
            details.put("name", a.name());
            details.put("kind", a.kind().name());
            details.put("parentId", a.parentId());
            details.put("validFrom", a.validFrom().toString());
            details.put("source", "import");
            audit.record(AuditEntry.success("agency.created", "agency", a.id(), a.agencyId(), details));
        }
        return new Report(false, true, rows.size(), created, unchanged, plans, List.of());
    }

    /** Is the agency inside one of the scope roots (its path names a root)? */
    private static boolean inScope(Agency agency, Set<UUID> roots) {
        for (String part : agency.path().split("/")) {
            if (!part.isEmpty() && roots.contains(UUID.fromString(part))) return true;
        }
        return false;
    }

    private static boolean same(Agency existing, AgencyDraft draft, Agency parent) {
        return existing.code().equals(draft.code()) && Objects.equals(existing.name(), draft.name())
                && Objects.equals(existing.nameEn(), draft.nameEn())
                && existing.kind() == AgencyKind.parse(draft.kind())
                && Objects.equals(existing.parentId(), parent == null ? null : parent.id())
                && Objects.equals(existing.address(), draft.address())
                && Objects.equals(existing.validFrom(), draft.validFrom())
                && Objects.equals(existing.validTo(), draft.validTo());
    }

    private static LocalDate date(AgencyFiles.RawRow raw, String column, List<RowError> errors) {
        try {
            return Dates.parse(raw.get(column));
        } catch (IllegalArgumentException e) {
            errors.add(new RowError(raw.row(), column, "Ngày không hợp lệ '" + raw.get(column)
                    + "'; dùng yyyy-MM-dd hoặc dd/MM/yyyy (invalid date)."));
            return null;
        }
    }

    private static Report failed(boolean dryRun, List<RowError> errors) {
        return new Report(dryRun, false, 0, 0, 0, List.of(), errors);
    }

    /** The file for download: every agency in the caller's read scope (or one subtree). */
    public byte[] export(String format, UUID rootId, CurrentUser user) {
        var rows = queries.export(rootId, user);
        return "xlsx".equals(format) ? AgencyFiles.xlsx(rows) : AgencyFiles.csv(rows);
    }
}
