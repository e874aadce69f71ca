package vn.attthub.organisation.web;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.attthub.organisation.Agency;
import vn.attthub.organisation.AgencyContacts;
import vn.attthub.organisation.AgencyImport;
import vn.attthub.organisation.AgencyQueries;
import vn.attthub.organisation.AgencyRegistry;
import vn.attthub.organisation.AgencyRoles;
import vn.attthub.organisation.AgencySearch;
import vn.attthub.organisation.ContactKind;
import vn.attthub.organisation.web.AgencyJson.*;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;
import vn.attthub.shared.web.ApiProblems;
import vn.attthub.shared.web.Etags;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The agency registry's JSON API. Reads need AGENCY_READ, changes AGENCY_MANAGE, both within the caller's scope. */
@RestController
@RequestMapping("/api/v1/agencies")
class AgencyController {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private final AgencyQueries queries;
    private final AgencyRegistry registry;
    private final AgencyRoles roles;
    private final AgencyContacts contacts;
    private final AgencyImport importer;

    AgencyController(AgencyQueries queries, AgencyRegistry registry, AgencyRoles roles, AgencyContacts contacts,
                     AgencyImport importer) {
        this.queries = queries;
        this.registry = registry;
        this.roles = roles;
        this.contacts = contacts;
        this.importer = importer;
    }

    @GetMapping
    @RequiresPermission(Permission.AGENCY_READ)
    Page<AgencyItem> search(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
                            @RequestParam(required = false) String kind,
                            @RequestParam(required = false) UUID parentId,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                            @RequestParam(required = false) String after,
                            @RequestParam(required = false) Integer limit) {
        var page = queries.search(AgencySearch.of(q, kind, parentId, asOf, after, limit), user);
        return new Page<>(page.items().stream().map(AgencyItem::of).toList(), page.next());
    }

    @PostMapping
    @RequiresPermission(Permission.AGENCY_MANAGE)
    ResponseEntity<AgencyItem> create(@AuthenticationPrincipal CurrentUser user, @RequestBody AgencyRequest body) {
        Agency created = registry.create(body.draft(), user);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(created.id())
                .toUri();
        return ResponseEntity.created(location).eTag(Etags.of(created.version())).body(AgencyItem.of(created));
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.AGENCY_READ)
    ResponseEntity<AgencyDetail> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        var detail = queries.detail(id, user);
        return ResponseEntity.ok().eTag(Etags.of(detail.agency().version())).body(AgencyDetail.of(detail));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    ResponseEntity<?> update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                             @RequestBody AgencyRequest body) {
        if (ifMatch == null || ifMatch.isBlank()) {
            registry.manageable(id, user); // an unknown or foreign agency is still a 404
            return ApiProblems.problem(HttpStatus.PRECONDITION_REQUIRED, "Precondition required",
                    "Cần tiêu đề If-Match với ETag của bản ghi (If-Match header with the record's ETag is required).",
                    List.of());
        }
        Agency current = registry.manageable(id, user);
        int expected = expectedVersion(ifMatch, current.version());
        var draft = body.draft();
        if (draft.parentId() == null && current.parentId() != null) {
            draft = new vn.attthub.organisation.AgencyDraft(draft.code(), draft.name(), draft.nameEn(), draft.kind(),
                    current.parentId(), draft.address(), draft.validFrom(), draft.validTo());
        }
        Agency updated = registry.update(id, draft, expected, user);
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(AgencyItem.of(updated));
    }

    static int expectedVersion(String ifMatch, int current) {
        String v = ifMatch.strip();
        if (v.equals("*")) return current;
        if (v.startsWith("W/")) v = v.substring(2);
        v = v.replace("\"", "").strip();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ConflictException.staleVersion();
        }
    }

    @GetMapping("/{id}/children")
    @RequiresPermission(Permission.AGENCY_READ)
    Page<AgencyItem> children(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                              @RequestParam(required = false) String after,
                              @RequestParam(required = false) Integer limit) {
        var page = queries.children(id, AgencySearch.of(null, null, null, asOf, after, limit), user);
        return new Page<>(page.items().stream().map(AgencyItem::of).toList(), page.next());
    }

    @PostMapping("/{id}/successions")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    ResponseEntity<AgencyDetail> succeed(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                         @RequestBody SuccessionRequest body) {
        registry.succeed(id, body.successorIds(), body.effectiveOn(), body.legalBasis(), user);
        var detail = queries.detail(id, user);
        return ResponseEntity.ok().eTag(Etags.of(detail.agency().version())).body(AgencyDetail.of(detail));
    }

    @GetMapping("/{id}/roles")
    @RequiresPermission(Permission.AGENCY_READ)
    Map<String, Object> roles(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        queries.get(id, user);
        LocalDate today = LocalDate.now(ZONE);
        return Map.of("items", roles.of(id).stream().map(r -> RoleItem.of(r, today)).toList());
    }

    @PostMapping("/{id}/roles")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    ResponseEntity<RoleItem> grant(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                   @RequestBody RoleRequest body) {
        var role = roles.grant(id, new AgencyRoles.Grant(body.role() == null ? null : body.role().name(),
                body.forAgencyId(), body.validFrom(), body.validTo(), body.legalBasis()), user);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{roleId}").buildAndExpand(role.id())
                .toUri();
        return ResponseEntity.created(location).body(RoleItem.of(role, LocalDate.now(ZONE)));
    }

    @PostMapping("/{id}/roles/{roleId}/end")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    RoleItem endRole(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID roleId,
                     @RequestBody(required = false) EndRoleRequest body) {
        var role = roles.end(id, roleId, body == null ? null : body.validTo(), user);
        return RoleItem.of(role, LocalDate.now(ZONE));
    }

    @GetMapping("/{id}/contacts")
    @RequiresPermission(Permission.AGENCY_READ)
    Map<String, Object> contacts(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                 @RequestParam(defaultValue = "false") boolean history) {
        queries.get(id, user);
        return Map.of("items", contacts.of(id, history).stream().map(ContactItem::of).toList());
    }

    @PutMapping("/{id}/contacts/{kind}")
    @RequiresPermission(Permission.AGENCY_MANAGE)
    ContactItem changeContact(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                              @PathVariable ContactKind kind, @RequestBody ContactRequest body) {
        return ContactItem.of(contacts.change(id, kind, new AgencyContacts.Change(body.fullName(), body.position(),
                body.phone(), body.email()), user));
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission(Permission.AGENCY_MANAGE)
    ResponseEntity<?> importFile(@AuthenticationPrincipal CurrentUser user,
                                 @RequestParam(name = "file", required = false) MultipartFile file,
                                 @RequestParam(defaultValue = "true") boolean dryRun) throws IOException {
        if (file == null || file.isEmpty()) {
            throw InvalidInputException.field("file", "Cần tệp CSV hoặc XLSX trong trường 'file' (file is required).");
        }
        if (file.getSize() > AgencyImport.MAX_BYTES) {
            throw InvalidInputException.field("file", "Tệp vượt quá giới hạn 5 MB (file larger than 5 MB).");
        }
        AgencyImport.Report report = importer.run(file.getBytes(), dryRun, user);
        if (!report.valid()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Tệp có " + report.errors().size() + " lỗi; không có gì được lưu (the file has errors; nothing saved).");
            problem.setTitle("Invalid import file");
            problem.setType(URI.create("https://attt-hub.vn/problems/invalid-import-file"));
            problem.setProperty("dryRun", dryRun);
            problem.setProperty("saved", false);
            problem.setProperty("rowsRead", report.rowsRead());
            problem.setProperty("errors", report.errors());
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok(report);
    }

    @GetMapping("/export")
    @RequiresPermission(Permission.AGENCY_READ)
    ResponseEntity<byte[]> export(@AuthenticationPrincipal CurrentUser user,
                                  @RequestParam(defaultValue = "csv") String format,
                                  @RequestParam(required = false) UUID rootId) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw InvalidInputException.field("format", "format must be csv or xlsx");
        }
        byte[] content = importer.export(format, rootId, user);
        String filename = "co-quan-" + LocalDate.now(ZONE) + "." + format;
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, StandardCharsets.UTF_8).build().toString())
                .contentType(format.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                        : MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(content);
    }

    @ExceptionHandler({MultipartException.class, MissingServletRequestPartException.class})
    ResponseEntity<ProblemDetail> notMultipart(Exception e) {
        if (e instanceof org.springframework.web.multipart.MaxUploadSizeExceededException) {
            return ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large",
                    "Tệp vượt quá giới hạn (file too large; at most 5 MB).", List.of());
        }
        return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid input",
                "Cần gửi tệp dạng multipart/form-data trong trường 'file' (multipart file required).",
                List.of(new InvalidInputException.FieldError("file", "required")));
    }
}
