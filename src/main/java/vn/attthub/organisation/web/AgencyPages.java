package vn.attthub.organisation.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import vn.attthub.organisation.Agency;
import vn.attthub.organisation.AgencyContact;
import vn.attthub.organisation.AgencyContacts;
import vn.attthub.organisation.AgencyDraft;
import vn.attthub.organisation.AgencyImport;
import vn.attthub.organisation.AgencyKind;
import vn.attthub.organisation.AgencyPage;
import vn.attthub.organisation.AgencyQueries;
import vn.attthub.organisation.AgencyRegistry;
import vn.attthub.organisation.AgencyRole;
import vn.attthub.organisation.AgencyRoleKind;
import vn.attthub.organisation.AgencyRoles;
import vn.attthub.organisation.AgencySearch;
import vn.attthub.organisation.ContactKind;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The registry's pages: browse the tree and search (htmx live search, filters kept in the URL, keyset "more"),
 * detail with ancestors, children, roles, contacts and mergers, create and edit with a version check, "as of date"
 * view, import with a dry-run preview, export.
 */
@Controller
@RequestMapping("/agencies")
class AgencyPages {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZONE);

    private final AgencyQueries queries;
    private final AgencyRegistry registry;
    private final AgencyRoles roles;
    private final AgencyContacts contacts;
    private final AgencyImport importer;

    AgencyPages(AgencyQueries queries, AgencyRegistry registry, AgencyRoles roles, AgencyContacts contacts,
                AgencyImport importer) {
        this.queries = queries;
        this.registry = registry;
        this.roles = roles;
        this.contacts = contacts;
        this.importer = importer;
    }

    /** Form fields as typed, so that a refused form comes back exactly as the user left it. */
    static class AgencyForm {
        private String code, name, nameEn, kind, parentCode, address, validFrom, validTo;
        private int version;

        public String getCode() { return code; }
        public void setCode(String v) { code = v; }
        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getNameEn() { return nameEn; }
        public void setNameEn(String v) { nameEn = v; }
        public String getKind() { return kind; }
        public void setKind(String v) { kind = v; }
        public String getParentCode() { return parentCode; }
        public void setParentCode(String v) { parentCode = v; }
        public String getAddress() { return address; }
        public void setAddress(String v) { address = v; }
        public String getValidFrom() { return validFrom; }
        public void setValidFrom(String v) { validFrom = v; }
        public String getValidTo() { return validTo; }
        public void setValidTo(String v) { validTo = v; }
        public int getVersion() { return version; }
        public void setVersion(int v) { version = v; }

        static AgencyForm of(Agency a, String parentCode) {
            AgencyForm f = new AgencyForm();
            f.code = a.code();
            f.name = a.name();
            f.nameEn = a.nameEn();
            f.kind = a.kind().name();
            f.parentCode = parentCode;
            f.address = a.address();
            f.validFrom = a.validFrom() == null ? null : a.validFrom().toString();
            f.validTo = a.validTo() == null ? null : a.validTo().toString();
            f.version = a.version();
            return f;
        }
    }

    /** Role and contact forms on the detail page. */
    static class RoleForm {
        private String role, forAgencyCode, validFrom, validTo, legalBasis;

        public String getRole() { return role; }
        public void setRole(String v) { role = v; }
        public String getForAgencyCode() { return forAgencyCode; }
        public void setForAgencyCode(String v) { forAgencyCode = v; }
        public String getValidFrom() { return validFrom; }
        public void setValidFrom(String v) { validFrom = v; }
        public String getValidTo() { return validTo; }
        public void setValidTo(String v) { validTo = v; }
        public String getLegalBasis() { return legalBasis; }
        public void setLegalBasis(String v) { legalBasis = v; }
    }

    static class ContactForm {
        private String kind, fullName, position, phone, email;

        public String getKind() { return kind; }
        public void setKind(String v) { kind = v; }
        public String getFullName() { return fullName; }
        public void setFullName(String v) { fullName = v; }
        public String getPosition() { return position; }
        public void setPosition(String v) { position = v; }
        public String getPhone() { return phone; }
        public void setPhone(String v) { phone = v; }
        public String getEmail() { return email; }
        public void setEmail(String v) { email = v; }
    }

    static class SuccessionForm {
        private String successorCodes, effectiveOn, legalBasis;

        public String getSuccessorCodes() { return successorCodes; }
        public void setSuccessorCodes(String v) { successorCodes = v; }
        public String getEffectiveOn() { return effectiveOn; }
        public void setEffectiveOn(String v) { effectiveOn = v; }
        public String getLegalBasis() { return legalBasis; }
        public void setLegalBasis(String v) { legalBasis = v; }
    }

    record ContactView(ContactKind kind, String fullName, String position, String phone, String email, String from,
                       String to, String recordedBy, boolean current) {
        static ContactView of(AgencyContact c) {
            return new ContactView(c.kind(), c.fullName(), c.position(), c.phone(), c.email(), minute(c.validFrom()),
                    minute(c.validTo()), c.recordedByName(), c.validTo() == null);
        }
    }

    static String day(LocalDate d) {
        return d == null ? "" : DAY.format(d);
    }

    static String minute(Instant i) {
        return i == null ? "" : MINUTE.format(i);
    }

    static LocalDate date(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) return null;
        try {
            String t = text.strip();
            return t.contains("/") ? LocalDate.parse(t, DateTimeFormatter.ofPattern("d/M/uuuu")) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            errors.put(field, "Ngày không hợp lệ (invalid date): " + text);
            return null;
        }
    }

    static Map<String, String> errorsOf(InvalidInputException e) {
        Map<String, String> errors = new HashMap<>();
        e.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + " " + b));
        if (errors.isEmpty()) errors.put("global", e.getMessage());
        return errors;
    }

    static boolean htmxFragment(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"))
                && request.getHeader("HX-History-Restore-Request") == null;
    }

    // ---------------------------------------------------------------- browse and search

    @GetMapping
    @RequiresPermission(Permission.AGENCY_READ)
    String list(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Model model,
                @RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                @RequestParam(required = false) UUID parentId, @RequestParam(required = false) String asOf,
                @RequestParam(required = false) String after,
                @RequestParam(required = false) String fragment) {
        Map<String, String> errors = new HashMap<>();
        // absent: today's agencies; present but empty: every agency, ended ones included
        String asOfText = asOf == null ? LocalDate.now(ZONE).toString() : asOf;
        LocalDate asOfDate = date(asOfText, "asOf", errors);
        AgencyKind kindValue = kind == null || kind.isBlank() ? null : AgencyKind.parse(kind);
        boolean searching = (q != null && !q.isBlank()) || kindValue != null;
        Agency parent = null;
        if (!searching) {
            if (parentId == null) {
                List<Agency> tops = queries.scopeRoots(user);
                if (tops.size() == 1) parent = tops.get(0);
            } else {
                parent = queries.get(parentId, user);
            }
        }
        AgencyPage page;
        try {
            page = queries.search(new AgencySearch(q, kindValue, parent == null ? null : parent.id(), asOfDate,
                    after, AgencySearch.DEFAULT_LIMIT), user);
        } catch (InvalidInputException e) {
            errors.putAll(errorsOf(e));
            page = new AgencyPage(List.of(), null);
        }
        if (!searching && parent == null && after == null) {
            // several separate subtrees: list their tops
            page = new AgencyPage(queries.scopeRoots(user), null);
        }
        UriComponentsBuilder next = UriComponentsBuilder.fromPath(request.getContextPath() + "/agencies");
        if (q != null && !q.isBlank()) next.queryParam("q", q);
        if (kindValue != null) next.queryParam("kind", kindValue.name());
        if (parent != null) next.queryParam("parentId", parent.id());
        next.queryParam("asOf", asOfText);
        model.addAttribute("q", q);
        model.addAttribute("kind", kindValue == null ? "" : kindValue.name());
        model.addAttribute("asOf", asOfText);
        model.addAttribute("asOfDisplay", day(asOfDate));
        model.addAttribute("parent", parent);
        model.addAttribute("ancestors", parent == null ? List.of() : queries.ancestors(parent, user));
        model.addAttribute("searching", searching);
        model.addAttribute("page", page);
        model.addAttribute("nextUrl", page.next() == null ? null
                : next.cloneBuilder().queryParam("after", page.next()).queryParam("fragment", "rows").build()
                .encode().toUriString());
        model.addAttribute("nextPageUrl", page.next() == null ? null
                : next.cloneBuilder().queryParam("after", page.next()).build().encode().toUriString());
        model.addAttribute("kinds", AgencyKind.values());
        model.addAttribute("errors", errors);
        model.addAttribute("canManage", user.has(Permission.AGENCY_MANAGE));
        model.addAttribute("today", LocalDate.now(ZONE));
        if ("rows".equals(fragment) && htmxFragment(request)) {
            return "agencies/list :: rows";
        }
        if (htmxFragment(request)) {
            return "agencies/list :: results";
        }
        return "agencies/list";
    }

    // ---------------------------------------------------------------- detail

    @GetMapping("/{id}")
    @RequiresPermission(Permission.AGENCY_READ)
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                  @RequestParam(defaultValue = "false") boolean history, Model model) {
        return detailPage(user, id, history, model);
    }

    private String detailPage(CurrentUser user, UUID id, boolean history, Model model) {
        AgencyQueries.Detail detail = queries.detail(id, user);
        Agency agency = detail.agency();
        LocalDate today = LocalDate.now(ZONE);
        model.addAttribute("agency", agency);
        model.addAttribute("parentCode", detail.parentCode());
        model.addAttribute("parentName", detail.parentName());
        model.addAttribute("ancestors", queries.ancestors(agency, user));
        model.addAttribute("children", queries.childrenByName(id, null, user));
        model.addAttribute("predecessors", queries.predecessors(id));
        model.addAttribute("successors", queries.successors(id));
        List<AgencyRole> roleList = roles.of(id);
        model.addAttribute("roles", roleList);
        model.addAttribute("contacts", contacts.of(id, false).stream().map(ContactView::of).toList());
        model.addAttribute("contactHistory", contacts.of(id, true).stream().filter(c -> c.validTo() != null)
                .map(ContactView::of).toList());
        model.addAttribute("today", today);
        model.addAttribute("inForce", agency.validOn(today));
        model.addAttribute("roleKinds", AgencyRoleKind.values());
        model.addAttribute("contactKinds", ContactKind.values());
        boolean canManage = user.has(Permission.AGENCY_MANAGE)
                && registryContains(agency.id(), user);
        model.addAttribute("canManage", canManage);
        if (!model.containsAttribute("roleForm")) model.addAttribute("roleForm", new RoleForm());
        if (!model.containsAttribute("contactForm")) model.addAttribute("contactForm", new ContactForm());
        if (!model.containsAttribute("successionForm")) model.addAttribute("successionForm", new SuccessionForm());
        if (!model.containsAttribute("errors")) model.addAttribute("errors", Map.of());
        return "agencies/detail";
    }

    private boolean registryContains(UUID id, CurrentUser user) {
        try {
            registry.manageable(id, user);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @PostMapping("/{id}/roles")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    String grantRole(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                     @ModelAttribute("roleForm") RoleForm form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        LocalDate from = date(form.getValidFrom(), "validFrom", errors);
        LocalDate to = date(form.getValidTo(), "validTo", errors);
        UUID forAgency = null;
        if (form.getForAgencyCode() != null && !form.getForAgencyCode().isBlank()) {
            forAgency = queries.findByCode(form.getForAgencyCode().strip(), user).map(Agency::id).orElse(null);
            if (forAgency == null) errors.put("forAgencyId", "Không tìm thấy cơ quan có mã này (no such agency).");
        }
        if (errors.isEmpty()) {
            try {
                roles.grant(id, new AgencyRoles.Grant(form.getRole(), forAgency, from, to, form.getLegalBasis()), user);
                redirect.addFlashAttribute("notice", "agency.role.granted");
                return "redirect:/agencies/" + id + "#roles";
            } catch (InvalidInputException e) {
                errors.putAll(errorsOf(e));
            } catch (ConflictException e) {
                errors.put("global", e.getMessage());
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("openForm", "role");
        return detailPage(user, id, false, model);
    }

    @PostMapping("/{id}/roles/{roleId}/end")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    String endRole(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID roleId,
                   @RequestParam(required = false) String validTo, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        LocalDate end = date(validTo, "validTo", errors);
        if (errors.isEmpty()) {
            try {
                roles.end(id, roleId, end, user);
                redirect.addFlashAttribute("notice", "agency.role.ended");
                return "redirect:/agencies/" + id + "#roles";
            } catch (InvalidInputException e) {
                errors.putAll(errorsOf(e));
            } catch (ConflictException e) {
                errors.put("global", e.getMessage());
            }
        }
        model.addAttribute("errors", errors);
        return detailPage(user, id, false, model);
    }

    @PostMapping("/{id}/contacts")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    String changeContact(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                         @ModelAttribute("contactForm") ContactForm form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        ContactKind kind = null;
        try {
            kind = ContactKind.valueOf(form.getKind() == null ? "" : form.getKind());
        } catch (IllegalArgumentException e) {
            errors.put("kind", "Chọn loại đầu mối (choose a contact kind).");
        }
        if (errors.isEmpty()) {
            try {
                contacts.change(id, kind, new AgencyContacts.Change(form.getFullName(), form.getPosition(),
                        form.getPhone(), form.getEmail()), user);
                redirect.addFlashAttribute("notice", "agency.contact.changed");
                return "redirect:/agencies/" + id + "#contacts";
            } catch (InvalidInputException e) {
                errors.putAll(errorsOf(e));
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("openForm", "contact");
        return detailPage(user, id, false, model);
    }

    @PostMapping("/{id}/successions")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    String succeed(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                   @ModelAttribute("successionForm") SuccessionForm form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        LocalDate effectiveOn = date(form.getEffectiveOn(), "effectiveOn", errors);
        List<UUID> successors = new ArrayList<>();
        if (form.getSuccessorCodes() != null) {
            for (String code : form.getSuccessorCodes().split("[,;\\s]+")) {
                if (code.isBlank()) continue;
                queries.findByCode(code, user).ifPresentOrElse(a -> successors.add(a.id()),
                        () -> errors.put("successorIds", "Không tìm thấy cơ quan mã " + code + " (no such agency)."));
            }
        }
        if (errors.isEmpty()) {
            try {
                registry.succeed(id, successors, effectiveOn, form.getLegalBasis(), user);
                redirect.addFlashAttribute("notice", "agency.succession.recorded");
                return "redirect:/agencies/" + id;
            } catch (InvalidInputException e) {
                e.errors().forEach(f -> errors.merge(f.field().startsWith("successorIds") ? "successorIds" : f.field(),
                        f.message(), (a, b) -> a + " " + b));
            } catch (ConflictException e) {
                errors.put("global", e.getMessage());
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("openForm", "succession");
        return detailPage(user, id, false, model);
    }

    // ---------------------------------------------------------------- create and edit

    @GetMapping("/new")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    String createForm(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID parentId,
                      Model model) {
        AgencyForm form = new AgencyForm();
        if (parentId != null) {
            form.setParentCode(registry.manageable(parentId, user).code());
        }
        form.setValidFrom(LocalDate.now(ZONE).toString());
        return form(model, form, Map.of(), null);
    }

    private String form(Model model, AgencyForm form, Map<String, String> errors, Agency editing) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("editing", editing);
        model.addAttribute("kinds", AgencyKind.values());
        return "agencies/form";
    }

    /** Turns the form into a draft; a parent code is looked up in the caller's scope. */
    private AgencyDraft draft(AgencyForm form, CurrentUser user, Map<String, String> errors, Agency editing) {
        LocalDate from = date(form.getValidFrom(), "validFrom", errors);
        LocalDate to = date(form.getValidTo(), "validTo", errors);
        UUID parentId = null;
        if (form.getParentCode() != null && !form.getParentCode().isBlank()) {
            parentId = queries.findByCode(form.getParentCode().strip(), user).map(Agency::id).orElse(null);
            if (parentId == null) {
                errors.put("parentId", "Không tìm thấy cơ quan cấp trên có mã này (no such parent agency).");
            }
        } else if (editing != null && editing.parentId() != null) {
            errors.put("parentId", "Cần mã cơ quan cấp trên (parent code is required).");
        }
        return new AgencyDraft(form.getCode(), form.getName(), form.getNameEn(), form.getKind(), parentId,
                form.getAddress(), from, to);
    }

    @PostMapping
    @RequiresPermission(Permission.AGENCY_MANAGE)
    String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute AgencyForm form, Model model,
                  RedirectAttributes redirect) {
        Map<String, String> errors = new HashMap<>();
        AgencyDraft draft = draft(form, user, errors, null);
        if (errors.isEmpty()) {
            try {
                Agency created = registry.create(draft, user);
                redirect.addFlashAttribute("notice", "agency.created");
                return "redirect:/agencies/" + created.id();
            } catch (InvalidInputException e) {
                errors.putAll(errorsOf(e));
            } catch (org.springframework.security.access.AccessDeniedException e) {
                errors.put("parentId", "Chỉ quản trị nền tảng được tạo cơ quan gốc; hãy nhập mã cơ quan cấp trên "
                        + "(only a platform administrator creates a root agency).");
            }
        }
        return form(model, form, errors, null);
    }

    @GetMapping("/{id}/edit")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        Agency agency = registry.manageable(id, user);
        String parentCode = agency.parentId() == null ? null
                : queries.detail(id, user).parentCode();
        return form(model, AgencyForm.of(agency, parentCode), Map.of(), agency);
    }

    @PostMapping("/{id}/edit")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @ModelAttribute AgencyForm form,
                Model model, RedirectAttributes redirect) {
        Agency current = registry.manageable(id, user);
        Map<String, String> errors = new HashMap<>();
        AgencyDraft draft = draft(form, user, errors, current);
        if (errors.isEmpty()) {
            try {
                registry.update(id, draft, form.getVersion(), user);
                redirect.addFlashAttribute("notice", "agency.updated");
                return "redirect:/agencies/" + id;
            } catch (InvalidInputException e) {
                errors.putAll(errorsOf(e));
            } catch (ConflictException e) {
                if (e.status() != 412) throw e;
                // someone else saved first: keep the user's input, show what is stored now, and let them save again
                Agency now = registry.manageable(id, user);
                model.addAttribute("stale", AgencyForm.of(now, now.parentId() == null ? null
                        : queries.detail(id, user).parentCode()));
                form.setVersion(now.version());
                errors.put("global", "stale");
            } catch (org.springframework.security.access.AccessDeniedException e) {
                errors.put("parentId", "Chỉ quản trị nền tảng được chuyển cơ quan thành cơ quan gốc "
                        + "(only a platform administrator may do this).");
            }
        }
        return form(model, form, errors, current);
    }

    // ---------------------------------------------------------------- import and export

    @GetMapping("/import")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    String importForm(Model model) {
        model.addAttribute("maxRows", AgencyImport.MAX_ROWS);
        return "agencies/import";
    }

    @PostMapping("/import")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    String importFile(@AuthenticationPrincipal CurrentUser user,
                      @RequestParam(name = "file", required = false) MultipartFile file,
                      @RequestParam(defaultValue = "true") boolean dryRun, Model model) throws IOException {
        model.addAttribute("maxRows", AgencyImport.MAX_ROWS);
        if (file == null || file.isEmpty()) {
            model.addAttribute("fileError", "Chọn một tệp CSV hoặc XLSX (choose a CSV or XLSX file).");
            return "agencies/import";
        }
        if (file.getSize() > AgencyImport.MAX_BYTES) {
            model.addAttribute("fileError", "Tệp vượt quá giới hạn 5 MB (file larger than 5 MB).");
            return "agencies/import";
        }
        model.addAttribute("report", importer.run(file.getBytes(), dryRun, user));
        model.addAttribute("filename", file.getOriginalFilename());
        return "agencies/import";
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "agencies/not-found";
    }

    static List<String> kindNames() {
        return Arrays.stream(AgencyKind.values()).map(Enum::name).toList();
    }
}
