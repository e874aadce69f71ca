package vn.attthub.infosystem.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.attthub.infosystem.Hosting;
import vn.attthub.infosystem.InformationSystem;
import vn.attthub.infosystem.InventoryImport;
import vn.attthub.infosystem.Lifecycle;
import vn.attthub.infosystem.SoftwareInventory;
import vn.attthub.infosystem.SoftwareItem;
import vn.attthub.infosystem.SystemDraft;
import vn.attthub.infosystem.SystemQueries;
import vn.attthub.infosystem.SystemRegistry;
import vn.attthub.infosystem.SystemSearch;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.regime.ConstructionGrade;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.InfrastructureScope;
import vn.attthub.regime.NationalSecurityImpact;
import vn.attthub.regime.SystemType;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The register's pages: list with filters kept in the URL and keyset paging, detail (level inputs, approved level,
 * the owner's security unit, components, exposure, inventory), create and edit with readable errors that keep the
 * user's input, the inventory editor, and the import with a dry-run preview before confirmation.
 */
@Controller
@RequestMapping("/systems")
class SystemPages {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZONE);
    private static final Pattern INDEX = Pattern.compile("\\[\\d+].*$");
    static final int BLANK_ROWS = 3;

    private final SystemQueries queries;
    private final SystemRegistry registry;
    private final SoftwareInventory inventory;
    private final InventoryImport importer;
    private final AgencyDirectory agencies;

    SystemPages(SystemQueries queries, SystemRegistry registry, SoftwareInventory inventory, InventoryImport importer,
                AgencyDirectory agencies) {
        this.queries = queries;
        this.registry = registry;
        this.inventory = inventory;
        this.importer = importer;
        this.agencies = agencies;
    }

    @GetMapping
    @RequiresPermission(Permission.SYSTEM_READ)
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
                @RequestParam(required = false) String owner, @RequestParam(required = false) String lifecycle,
                @RequestParam(required = false) String level, @RequestParam(required = false) String after,
                Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        UUID ownerId = null;
        if (owner != null && !owner.isBlank()) {
            ownerId = agencies.findByCode(owner.strip()).map(a -> a.id().value()).orElse(null);
            if (ownerId == null) errors.put("owner", "Không tìm thấy cơ quan có mã '" + owner.strip() + "'.");
        }
        SystemQueries.Page page = new SystemQueries.Page(List.of(), null);
        if (errors.isEmpty()) {
            try {
                page = queries.search(SystemSearch.of(q, ownerId, lifecycle, level, after, 50), user);
            } catch (InvalidInputException e) {
                e.errors().forEach(err -> errors.putIfAbsent(err.field(), err.message()));
            }
        }
        model.addAttribute("page", page);
        model.addAttribute("q", q);
        model.addAttribute("owner", owner);
        model.addAttribute("ownerId", ownerId);
        model.addAttribute("lifecycle", lifecycle);
        model.addAttribute("level", level);
        model.addAttribute("after", after);
        model.addAttribute("errors", errors);
        model.addAttribute("lifecycles", Lifecycle.values());
        model.addAttribute("canManage", user.has(Permission.SYSTEM_MANAGE));
        return "systems/list";
    }

    @GetMapping("/new")
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    String createForm(Model model) {
        SystemForm form = new SystemForm();
        form.setLifecycle(Lifecycle.OPERATING.name());
        form.setHosting(Hosting.ON_PREMISES.name());
        return form(model, form, null, Map.of());
    }

    @PostMapping
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") SystemForm form, Model model,
                  RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        SystemDraft draft = draft(form, errors);
        if (!errors.isEmpty()) return form(model, form, null, errors);
        try {
            InformationSystem created = registry.create(draft, user);
            redirect.addFlashAttribute("message", "created");
            return "redirect:/systems/" + created.id();
        } catch (InvalidInputException e) {
            return form(model, form, null, fieldErrors(e));
        }
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.SYSTEM_READ)
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        var detail = queries.detail(id, user);
        model.addAttribute("d", detail);
        model.addAttribute("s", detail.system());
        model.addAttribute("inputs", detail.levelInputs());
        model.addAttribute("wizardLink", vn.attthub.regime.LevelWizardLink.of(detail.levelInputs()));
        var in = detail.levelInputs();
        Map<String, Boolean> flags = new LinkedHashMap<>();
        flags.put("conditionalBusinessLine", in.conditionalBusinessLine());
        flags.put("operates24x7", in.operates24x7());
        flags.put("nationalEGovernment", in.nationalEGovernment());
        flags.put("nationalSecurityWork", in.nationalSecurityWork());
        flags.put("defenceOrSecuritySystem", in.defenceOrSecuritySystem());
        flags.put("nationalCriticalDataStore", in.nationalCriticalDataStore());
        flags.put("primeMinisterDesignated", in.primeMinisterDesignated());
        model.addAttribute("flags", flags);
        model.addAttribute("items", inventory.of(id, user).items());
        model.addAttribute("canManage", user.has(Permission.SYSTEM_MANAGE)
                && canManage(id, user));
        model.addAttribute("day", DAY);
        model.addAttribute("minute", MINUTE);
        return "systems/detail";
    }

    private boolean canManage(UUID id, CurrentUser user) {
        try {
            registry.manageable(id, user);
            return true;
        } catch (vn.attthub.shared.NotFoundException e) {
            return false;
        }
    }

    @GetMapping("/{id}/edit")
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        registry.manageable(id, user);
        var detail = queries.detail(id, user);
        return form(model, SystemForm.of(detail), detail.system(), Map.of());
    }

    @PostMapping("/{id}/edit")
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                  @ModelAttribute("form") SystemForm form, Model model, RedirectAttributes redirect) {
        InformationSystem current = registry.manageable(id, user);
        Map<String, String> errors = new LinkedHashMap<>();
        SystemDraft draft = draft(form, errors);
        if (!errors.isEmpty()) return form(model, form, current, errors);
        try {
            registry.update(id, draft, form.getVersion(), user);
            redirect.addFlashAttribute("message", "updated");
            return "redirect:/systems/" + id;
        } catch (InvalidInputException e) {
            return form(model, form, current, fieldErrors(e));
        } catch (ConflictException e) {
            model.addAttribute("stale", true);
            form.setVersion(current.version());
            return form(model, form, current, Map.of("global", "Hệ thống vừa được người khác sửa; bấm Lưu lần nữa "
                    + "để ghi đè bằng nội dung của bạn (the system was changed meanwhile)."));
        }
    }

    private SystemDraft draft(SystemForm form, Map<String, String> errors) {
        return form.draft(code -> agencies.findByCode(code).map(AgencySummary::id).map(AgencyId::value).orElse(null),
                code -> registryId(code), errors);
    }

    private UUID registryId(String code) {
        return queries.idOfCode(code).orElse(null);
    }

    static Map<String, String> fieldErrors(InvalidInputException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (var err : e.errors()) {
            String field = err.field() == null ? "global" : err.field();
            if (field.startsWith("levelInputs.")) field = field.substring("levelInputs.".length());
            field = INDEX.matcher(field).replaceAll("");
            errors.merge(field, err.message(), (a, b) -> a + " " + b);
        }
        if (errors.isEmpty()) errors.put("global", e.getMessage());
        return errors;
    }

    private String form(Model model, SystemForm form, InformationSystem editing, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("errors", errors);
        model.addAttribute("systemTypes", SystemType.values());
        model.addAttribute("informationTypes", InformationType.values());
        model.addAttribute("lifecycles", Lifecycle.values());
        model.addAttribute("hostings", Hosting.values());
        model.addAttribute("scopes", InfrastructureScope.values());
        model.addAttribute("grades", ConstructionGrade.values());
        model.addAttribute("impacts", NationalSecurityImpact.values());
        return "systems/form";
    }

    /** The inventory editor's rows as typed. */
    public static class InventoryForm {
        private List<Row> rows = new ArrayList<>();
        private int version;
        private int extra;

        public List<Row> getRows() { return rows; }
        public void setRows(List<Row> v) { rows = v == null ? new ArrayList<>() : v; }
        public int getVersion() { return version; }
        public void setVersion(int v) { version = v; }
        public int getExtra() { return extra; }
        public void setExtra(int v) { extra = v; }
    }

    public static class Row {
        private String vendor, product, version, cpe, purl;
        private boolean remove;

        public Row() {
        }

        Row(SoftwareItem i) {
            vendor = i.vendor();
            product = i.product();
            version = i.version();
            cpe = i.cpe();
            purl = i.purl();
        }

        public String getVendor() { return vendor; }
        public void setVendor(String v) { vendor = v; }
        public String getProduct() { return product; }
        public void setProduct(String v) { product = v; }
        public String getVersion() { return version; }
        public void setVersion(String v) { version = v; }
        public String getCpe() { return cpe; }
        public void setCpe(String v) { cpe = v; }
        public String getPurl() { return purl; }
        public void setPurl(String v) { purl = v; }
        public boolean isRemove() { return remove; }
        public void setRemove(boolean v) { remove = v; }

        boolean blank() {
            return isBlank(vendor) && isBlank(product) && isBlank(version) && isBlank(cpe) && isBlank(purl);
        }

        private static boolean isBlank(String s) {
            return s == null || s.isBlank();
        }
    }

    @GetMapping("/{id}/inventory")
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    String inventoryEditor(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        InformationSystem system = registry.manageable(id, user);
        InventoryForm form = new InventoryForm();
        inventory.of(id, user).items().forEach(i -> form.rows.add(new Row(i)));
        for (int i = 0; i < BLANK_ROWS; i++) form.rows.add(new Row());
        form.version = system.inventoryVersion();
        return inventoryPage(model, system, form, Map.of());
    }

    @PostMapping("/{id}/inventory")
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    String saveInventory(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                         @ModelAttribute("form") InventoryForm form, @RequestParam(required = false) String addRows,
                         Model model, RedirectAttributes redirect) {
        InformationSystem system = registry.manageable(id, user);
        if (addRows != null) {
            for (int i = 0; i < 5; i++) form.rows.add(new Row());
            return inventoryPage(model, system, form, Map.of());
        }
        List<SoftwareItem.Entry> entries = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (int i = 0; i < form.rows.size(); i++) {
            Row r = form.rows.get(i);
            if (r.remove || r.blank()) continue;
            entries.add(new SoftwareItem.Entry(r.vendor, r.product, r.version, r.cpe, r.purl));
            rowOf.add(i);
        }
        try {
            var listing = inventory.replace(id, entries, form.version, "editor", user);
            redirect.addFlashAttribute("message", "inventorySaved");
            redirect.addFlashAttribute("count", listing.items().size());
            return "redirect:/systems/" + id;
        } catch (InvalidInputException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            Pattern item = Pattern.compile("items\\[(\\d+)]\\.(\\w+)");
            for (var err : e.errors()) {
                var m = item.matcher(err.field() == null ? "" : err.field());
                if (m.matches()) {
                    errors.merge(rowOf.get(Integer.parseInt(m.group(1))) + "." + m.group(2), err.message(),
                            (a, b) -> a + " " + b);
                } else {
                    errors.put("global", err.message());
                }
            }
            return inventoryPage(model, system, form, errors);
        } catch (ConflictException e) {
            form.version = system.inventoryVersion();
            return inventoryPage(model, system, form, Map.of("global", "Danh mục phần mềm vừa được người khác sửa; "
                    + "kiểm tra lại và bấm Lưu để ghi đè (the inventory was changed meanwhile)."));
        }
    }

    private String inventoryPage(Model model, InformationSystem system, InventoryForm form, Map<String, String> errors) {
        model.addAttribute("s", system);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "systems/inventory";
    }

    @PostMapping("/{id}/inventory/import")
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    String importPreview(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                         @RequestParam(name = "file", required = false) MultipartFile file, Model model)
            throws IOException {
        InformationSystem system = registry.manageable(id, user);
        model.addAttribute("s", system);
        if (file == null || file.isEmpty()) {
            model.addAttribute("report", new InventoryImport.Report(null, true, false, 0, List.of(),
                    List.of(new InventoryImport.RowError(null, "file", "Hãy chọn một tệp CycloneDX JSON, CSV hoặc "
                            + "XLSX (choose a file).")), null));
        } else if (file.getSize() > InventoryImport.MAX_BYTES) {
            model.addAttribute("report", new InventoryImport.Report(null, true, false, 0, List.of(),
                    List.of(new InventoryImport.RowError(null, "file", "Tệp vượt quá giới hạn 10 MB "
                            + "(file larger than 10 MB).")), null));
        } else {
            model.addAttribute("report", importer.stage(id, file.getBytes(), user));
        }
        model.addAttribute("filename", file == null ? null : file.getOriginalFilename());
        return "systems/import";
    }

    @PostMapping("/{id}/inventory/import/{staged}/confirm")
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    String importConfirm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID staged,
                         Model model, RedirectAttributes redirect) {
        try {
            var listing = importer.confirm(id, staged, user);
            redirect.addFlashAttribute("message", "imported");
            redirect.addFlashAttribute("count", listing.items().size());
            return "redirect:/systems/" + id;
        } catch (ConflictException e) {
            redirect.addFlashAttribute("message", "importStale");
            return "redirect:/systems/" + id + "/inventory";
        }
    }
}
