package vn.attthub.control.web;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.attthub.control.Assessments;
import vn.attthub.control.Baselines;
import vn.attthub.control.ControlCatalog;
import vn.attthub.control.Coverage;
import vn.attthub.control.EvidenceRegistry;
import vn.attthub.control.SystemAccess;
import vn.attthub.control.web.ControlJson.*;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;
import vn.attthub.shared.web.Etags;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The control API: the catalog, a system's baseline and its requirements (If-Match on change), evidence (file or
 * link) and its links, compliance per agency subtree, periodic assessment tasks. Reads need CONTROL_READ, changes
 * CONTROL_MANAGE, both over the subtree of the system's owner or operator; anything outside answers 404.
 */
@RestController
@RequestMapping("/api/v1")
class ControlController {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private final ControlCatalog catalog;
    private final Baselines baselines;
    private final EvidenceRegistry evidence;
    private final Assessments assessments;
    private final Coverage coverage;
    private final SystemAccess access;
    private final ComplianceScope scope;

    ControlController(ControlCatalog catalog, Baselines baselines, EvidenceRegistry evidence, Assessments assessments,
                      Coverage coverage, SystemAccess access, ComplianceScope scope) {
        this.catalog = catalog;
        this.baselines = baselines;
        this.evidence = evidence;
        this.assessments = assessments;
        this.coverage = coverage;
        this.access = access;
        this.scope = scope;
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    @GetMapping("/catalog")
    @RequiresPermission(Permission.CONTROL_READ)
    Catalog catalog() {
        return Catalog.of(catalog);
    }

    @GetMapping("/systems/{id}/baseline")
    @RequiresPermission(Permission.CONTROL_READ)
    Baseline baseline(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        SystemSummary system = access.require(id, user, Permission.CONTROL_READ);
        LocalDate today = today();
        var tasks = assessments.openFor(id, system.ownerId(), today).stream().map(t -> Assessment.of(t, catalog)).toList();
        return baselines.find(id, today)
                .map(b -> new Baseline(b.systemId(), b.systemCode(), b.systemName(), b.level(), b.regime(),
                        b.catalogVersion(), b.approvedAt(), b.dossierId(), Compliance.of(b.counts()),
                        b.items().stream().map(i -> Item.of(i, catalog)).toList(), b.history(), tasks))
                .orElseGet(() -> new Baseline(system.id(), system.code(), system.name(), null, catalog.regime(),
                        catalog.version(), null, null, null, List.of(), List.of(), tasks));
    }

    @GetMapping("/systems/{id}/baseline/{requirementId}")
    @RequiresPermission(Permission.CONTROL_READ)
    ResponseEntity<Item> item(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                              @PathVariable String requirementId) {
        access.require(id, user, Permission.CONTROL_READ);
        Baselines.Item item = baselines.item(id, requirementId, today());
        return ResponseEntity.ok().eTag(Etags.of(item.version())).body(Item.of(item, catalog));
    }

    @PutMapping("/systems/{id}/baseline/{requirementId}")
    @RequiresPermission(Permission.CONTROL_MANAGE)
    ResponseEntity<Item> update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                @PathVariable String requirementId,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                @RequestBody ItemRequest body) {
        access.require(id, user, Permission.CONTROL_MANAGE);
        LocalDate today = today();
        Baselines.Item current = baselines.item(id, requirementId, today);
        Etags.requireMatch(ifMatch, current.version());
        Baselines.Item updated = baselines.update(id, requirementId, current.version(), new Baselines.Change(
                body.status(), body.justification(), body.ownerAgencyId(), body.ownerName(), body.dueOn(), body.note()),
                user, today);
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(Item.of(updated, catalog));
    }

    // ------------------------------------------------------------------ evidence

    @PostMapping(path = "/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission(Permission.CONTROL_MANAGE)
    ResponseEntity<EvidenceDetail> uploadEvidence(@AuthenticationPrincipal CurrentUser user,
                                                  @RequestParam(name = "file", required = false) MultipartFile file,
                                                  @RequestParam(required = false) String title,
                                                  @RequestParam(required = false) String effectiveOn,
                                                  @RequestParam(required = false) String expiresOn,
                                                  @RequestParam(required = false) String systemId,
                                                  @RequestParam(required = false) String requirementId) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        LocalDate from = date("effectiveOn", effectiveOn, errors);
        LocalDate to = date("expiresOn", expiresOn, errors);
        UUID system = uuid("systemId", systemId, errors);
        if (file == null || file.isEmpty()) {
            errors.add(new InvalidInputException.FieldError("file", "Cần chọn tệp minh chứng (file required)."));
        }
        if (!errors.isEmpty()) {
            if (system != null) access.require(system, user, Permission.CONTROL_MANAGE);
            throw new InvalidInputException("Dữ liệu không hợp lệ (invalid input).", errors);
        }
        try (InputStream in = file.getInputStream()) {
            var created = evidence.createFile(in, file.getOriginalFilename(), file.getContentType(),
                    new EvidenceRegistry.Draft(title, null, from, to, system, requirementId), user, today());
            return created(created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PostMapping(path = "/evidence", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.CONTROL_MANAGE)
    ResponseEntity<EvidenceDetail> linkEvidence(@AuthenticationPrincipal CurrentUser user,
                                                @RequestBody LinkEvidenceRequest body) {
        var created = evidence.createLink(new EvidenceRegistry.Draft(body.title(), body.url(), body.effectiveOn(),
                body.expiresOn(), body.systemId(), body.requirementId()), user, today());
        return created(created);
    }

    private static ResponseEntity<EvidenceDetail> created(EvidenceRegistry.Evidence e) {
        var location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/evidence/{id}")
                .buildAndExpand(e.id()).toUri();
        return ResponseEntity.created(location).body(EvidenceDetail.of(e));
    }

    @GetMapping("/evidence/{id}")
    @RequiresPermission(Permission.CONTROL_READ)
    EvidenceDetail evidence(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return EvidenceDetail.of(evidence.readable(id, user, Permission.CONTROL_READ, today()));
    }

    @GetMapping("/evidence/{id}/file")
    @RequiresPermission(Permission.CONTROL_READ)
    ResponseEntity<Resource> evidenceFile(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return evidence.download(evidence.readable(id, user, Permission.CONTROL_READ, today()));
    }

    @PostMapping("/evidence/{id}/links")
    @RequiresPermission(Permission.CONTROL_MANAGE)
    ResponseEntity<EvidenceDetail> addLink(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                           @RequestBody EvidenceLinkRequest body) {
        var linked = evidence.link(id, body.systemId(), body.requirementId(), user, today());
        return ResponseEntity.status(201).body(EvidenceDetail.of(linked));
    }

    // ------------------------------------------------------------------ compliance and assessments

    @GetMapping("/compliance")
    @RequiresPermission(Permission.CONTROL_READ)
    CoverageReport compliance(@AuthenticationPrincipal CurrentUser user,
                              @RequestParam(required = false) UUID agencyId) {
        AgencyId root = scope.rootFor(agencyId, user);
        Coverage.Report r = coverage.of(root, today());
        return new CoverageReport(r.rootId().value(), r.rootCode(), r.rootName(), r.today(), 100,
                "Chỉ thị 09/CT-TTg ngày 23/02/2024", CoverageRow.of(r.total()),
                r.rows().stream().map(CoverageRow::of).toList(), scope.overdueDossierSteps(root));
    }

    @GetMapping("/assessments")
    @RequiresPermission(Permission.CONTROL_READ)
    Page<Assessment> assessments(@AuthenticationPrincipal CurrentUser user,
                                 @RequestParam(required = false) UUID agencyId,
                                 @RequestParam(required = false) String after,
                                 @RequestParam(required = false) Integer limit) {
        AgencyId root = scope.rootFor(agencyId, user);
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 200) throw InvalidInputException.field("limit", "limit phải từ 1 đến 200 (limit must be 1-200).");
        var tasks = assessments.openWithin(scope.pathOf(root), today(), after, n + 1);
        String next = null;
        if (tasks.size() > n) {
            tasks = tasks.subList(0, n);
            var last = tasks.get(n - 1);
            next = last.dueOn() + "|" + last.id();
        }
        return new Page<>(tasks.stream().map(t -> Assessment.of(t, catalog)).toList(), next);
    }

    @PostMapping("/assessments/{id}/completion")
    @RequiresPermission(Permission.CONTROL_MANAGE)
    ResponseEntity<Assessment> complete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @RequestBody CompletionRequest body) {
        LocalDate today = today();
        var task = assessments.accessible(id, user, Permission.CONTROL_MANAGE, access, today);
        Etags.requireMatch(ifMatch, task.version());
        if (body.evidenceId() != null) {
            try {
                evidence.readable(body.evidenceId(), user, Permission.CONTROL_READ, today);
            } catch (NotFoundException e) {
                throw InvalidInputException.field("evidenceId", "Không tìm thấy minh chứng (unknown evidence).");
            }
        }
        var done = assessments.complete(task, task.version(), body.completedOn(), body.note(), body.evidenceId(), today);
        return ResponseEntity.ok().eTag(Etags.of(done.version())).body(Assessment.of(done, catalog));
    }

    static LocalDate date(String field, String text, List<InvalidInputException.FieldError> errors) {
        if (text == null || text.isBlank()) return null;
        try {
            String t = text.strip();
            return t.contains("/") ? LocalDate.parse(t, java.time.format.DateTimeFormatter.ofPattern("d/M/uuuu"))
                    : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            errors.add(new InvalidInputException.FieldError(field, "Ngày không hợp lệ (invalid date): " + text));
            return null;
        }
    }

    static UUID uuid(String field, String text, List<InvalidInputException.FieldError> errors) {
        if (text == null || text.isBlank()) return null;
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidInputException.FieldError(field, "Mã không hợp lệ (invalid id)."));
            return null;
        }
    }
}
