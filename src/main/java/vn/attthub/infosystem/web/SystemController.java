package vn.attthub.infosystem.web;

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
import vn.attthub.infosystem.InformationSystem;
import vn.attthub.infosystem.InventoryImport;
import vn.attthub.infosystem.SoftwareInventory;
import vn.attthub.infosystem.SystemExport;
import vn.attthub.infosystem.SystemQueries;
import vn.attthub.infosystem.SystemRegistry;
import vn.attthub.infosystem.SystemSearch;
import vn.attthub.infosystem.web.SystemJson.*;
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
import java.util.List;
import java.util.UUID;

/**
 * The information-system register's JSON API. Reads need SYSTEM_READ, changes SYSTEM_MANAGE; a system is in scope
 * when its owner or its operator lies in the caller's subtrees, otherwise it answers 404.
 */
@RestController
@RequestMapping("/api/v1/systems")
class SystemController {
    private final SystemQueries queries;
    private final SystemRegistry registry;
    private final SoftwareInventory inventory;
    private final InventoryImport importer;
    private final SystemExport export;

    SystemController(SystemQueries queries, SystemRegistry registry, SoftwareInventory inventory,
                     InventoryImport importer, SystemExport export) {
        this.queries = queries;
        this.registry = registry;
        this.inventory = inventory;
        this.importer = importer;
        this.export = export;
    }

    @GetMapping
    @RequiresPermission(Permission.SYSTEM_READ)
    Page<SystemQueries.Item> search(@AuthenticationPrincipal CurrentUser user,
                                    @RequestParam(required = false) String q,
                                    @RequestParam(required = false) UUID ownerId,
                                    @RequestParam(required = false) String lifecycle,
                                    @RequestParam(required = false) String level,
                                    @RequestParam(required = false) String after,
                                    @RequestParam(required = false) Integer limit) {
        var page = queries.search(SystemSearch.of(q, ownerId, lifecycle, level, after, limit), user);
        return new Page<>(page.items(), page.next());
    }

    @PostMapping
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    ResponseEntity<SystemDetail> create(@AuthenticationPrincipal CurrentUser user, @RequestBody SystemRequest body) {
        InformationSystem created = registry.create(body.draft(), user);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(created.id())
                .toUri();
        var detail = queries.detail(created.id(), user);
        return ResponseEntity.created(location).eTag(Etags.of(created.version())).body(SystemDetail.of(detail));
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.SYSTEM_READ)
    ResponseEntity<SystemDetail> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        var detail = queries.detail(id, user);
        return ResponseEntity.ok().eTag(Etags.of(detail.system().version())).body(SystemDetail.of(detail));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    ResponseEntity<SystemDetail> update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @RequestBody SystemRequest body) {
        InformationSystem current = registry.manageable(id, user); // an unknown or foreign system is a 404 first
        Etags.requireMatch(ifMatch, current.version());
        InformationSystem updated = registry.update(id, body.draft(), current.version(), user);
        var detail = queries.detail(updated.id(), user);
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(SystemDetail.of(detail));
    }

    @GetMapping("/{id}/inventory")
    @RequiresPermission(Permission.SYSTEM_READ)
    ResponseEntity<InventoryJson> inventory(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        var listing = inventory.of(id, user);
        return ResponseEntity.ok().eTag(Etags.of(listing.system().inventoryVersion())).body(InventoryJson.of(listing));
    }

    @PutMapping("/{id}/inventory")
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    ResponseEntity<InventoryJson> replaceInventory(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                   String ifMatch, @RequestBody InventoryRequest body) {
        InformationSystem current = registry.manageable(id, user);
        Etags.requireMatch(ifMatch, current.inventoryVersion());
        List<vn.attthub.infosystem.SoftwareItem.Entry> entries = body.items() == null ? List.of()
                : body.items().stream().map(e -> e == null ? null : e.entry()).toList();
        var listing = inventory.replace(id, entries, current.inventoryVersion(), "api", user);
        return ResponseEntity.ok().eTag(Etags.of(listing.system().inventoryVersion())).body(InventoryJson.of(listing));
    }

    /**
     * Imports a CycloneDX JSON SBOM, CSV or XLSX file ({@code file} part). {@code dryRun=true} (the default) checks
     * and reports every row and saves nothing; otherwise a clean file replaces the inventory. If-Match (the
     * inventory's ETag) is checked when sent.
     */
    @PostMapping(path = "/{id}/inventory/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission(Permission.SYSTEM_MANAGE)
    ResponseEntity<?> importInventory(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @RequestParam(name = "file", required = false) MultipartFile file,
                                      @RequestParam(defaultValue = "true") boolean dryRun) throws IOException {
        InformationSystem current = registry.manageable(id, user);
        if (ifMatch != null && !ifMatch.isBlank()) Etags.requireMatch(ifMatch, current.inventoryVersion());
        if (file == null || file.isEmpty()) {
            throw InvalidInputException.field("file", "Cần tệp CycloneDX JSON, CSV hoặc XLSX trong trường 'file' "
                    + "(file is required).");
        }
        if (file.getSize() > InventoryImport.MAX_BYTES) {
            throw InvalidInputException.field("file", "Tệp vượt quá giới hạn 10 MB (file larger than 10 MB).");
        }
        var report = importer.run(id, file.getBytes(), dryRun, current.inventoryVersion(), user);
        if (!report.valid()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Tệp có " + report.errors().size() + " lỗi; không có gì được lưu (the file has errors; nothing saved).");
            problem.setTitle("Invalid import file");
            problem.setType(URI.create("https://attt-hub.vn/problems/invalid-import-file"));
            problem.setProperty("format", report.format());
            problem.setProperty("dryRun", dryRun);
            problem.setProperty("saved", false);
            problem.setProperty("rowsRead", report.rowsRead());
            problem.setProperty("errors", report.errors());
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok(new ImportResult(report.format(), report.dryRun(), report.saved(),
                report.rowsRead(), report.items().stream().map(ItemJson::of).toList()));
    }

    record ImportResult(String format, boolean dryRun, boolean saved, int rowsRead, List<ItemJson> items) {
    }

    /** The register as XLSX (Vietnamese headers), limited to the caller's scope and the list's filters. */
    @GetMapping("/export.xlsx")
    @RequiresPermission(Permission.SYSTEM_READ)
    ResponseEntity<byte[]> export(@AuthenticationPrincipal CurrentUser user,
                                  @RequestParam(required = false) String q,
                                  @RequestParam(required = false) UUID ownerId,
                                  @RequestParam(required = false) String lifecycle,
                                  @RequestParam(required = false) String level) {
        byte[] content = export.xlsx(SystemSearch.of(q, ownerId, lifecycle, level, null, null), user);
        String filename = "danh-muc-he-thong-" + LocalDate.now(SystemPages.ZONE) + ".xlsx";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(content);
    }

    @ExceptionHandler({MultipartException.class, MissingServletRequestPartException.class})
    ResponseEntity<ProblemDetail> notMultipart(Exception e) {
        if (e instanceof org.springframework.web.multipart.MaxUploadSizeExceededException) {
            return ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large",
                    "Tệp vượt quá giới hạn (file too large; at most 10 MB).", List.of());
        }
        return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid input",
                "Cần gửi tệp dạng multipart/form-data trong trường 'file' (multipart file required).",
                List.of(new InvalidInputException.FieldError("file", "required")));
    }
}
