package vn.attthub.dossier.web;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.attthub.document.FileResponses;
import vn.attthub.document.MediaTypes;
import vn.attthub.dossier.DossierOverview;
import vn.attthub.dossier.DossierQueries;
import vn.attthub.dossier.DossierQueries.DossierView;
import vn.attthub.dossier.DossierState;
import vn.attthub.dossier.LevelDossiers;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;
import vn.attthub.shared.web.ApiProblems;
import vn.attthub.shared.web.Etags;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The level-dossier API (Decree 85/2016 Art 12-18). Reads need DOSSIER_READ within scope; opening a dossier needs
 * DOSSIER_PREPARE over the system's owner or operator; documents and transitions are checked against the side the
 * action belongs to (preparer, security unit, appraiser, approver): a dossier outside the caller's scope is a 404, a
 * visible dossier whose action belongs to someone else a 403, an action not possible in the state a 409 naming the
 * allowed ones.
 */
@RestController
@RequestMapping("/api/v1/dossiers")
class DossierController {
    private final LevelDossiers dossiers;
    private final DossierQueries queries;
    private final DossierOverview overview;

    DossierController(LevelDossiers dossiers, DossierQueries queries, DossierOverview overview) {
        this.dossiers = dossiers;
        this.queries = queries;
        this.overview = overview;
    }

    record CreateRequest(UUID systemId, Integer proposedLevel, String justification) {
    }

    record TransitionRequest(String action, String comment, String reference) {
    }

    @PostMapping
    @RequiresPermission(Permission.DOSSIER_PREPARE)
    ResponseEntity<DossierView> create(@AuthenticationPrincipal CurrentUser user, @RequestBody CreateRequest body) {
        var d = dossiers.create(user, body.systemId(), body.proposedLevel(), body.justification());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(d.id()).toUri();
        DossierView view = queries.detail(d.id(), user);
        return ResponseEntity.created(location).eTag(Etags.of(view.rowVersion())).body(view);
    }

    @GetMapping
    @RequiresPermission(Permission.DOSSIER_READ)
    DossierQueries.Page list(@AuthenticationPrincipal CurrentUser user,
                             @RequestParam(required = false) UUID systemId,
                             @RequestParam(required = false) DossierState state,
                             @RequestParam(required = false) UUID after,
                             @RequestParam(required = false) Integer limit) {
        return queries.list(user, systemId, state, after, limit);
    }

    @GetMapping("/overdue")
    @RequiresPermission(Permission.DOSSIER_READ)
    Map<String, Object> overdue(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", overview.overdueFor(user));
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.DOSSIER_READ)
    ResponseEntity<DossierView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        DossierView view = queries.detail(id, user);
        return ResponseEntity.ok().eTag(Etags.of(view.rowVersion())).body(view);
    }

    @PostMapping(path = "/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission(Permission.DOSSIER_READ)
    ResponseEntity<LevelDossiers.StoreDocument> upload(@AuthenticationPrincipal CurrentUser user,
                                                       @PathVariable UUID id,
                                                       @RequestParam(required = false) String type,
                                                       @RequestParam(name = "file", required = false) MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            queries.detail(id, user); // a foreign dossier is still a 404
            throw InvalidInputException.field("file", "Chọn tệp PDF hoặc DOCX (a file is required).");
        }
        try (InputStream in = file.getInputStream()) {
            var stored = dossiers.upload(user, id, type, in, file.getOriginalFilename(), file.getContentType());
            URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{doc}")
                    .buildAndExpand(stored.id()).toUri();
            return ResponseEntity.created(location).body(stored);
        }
    }

    @GetMapping("/{id}/documents/{documentId}")
    @RequiresPermission(Permission.DOSSIER_READ)
    ResponseEntity<Resource> document(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                      @PathVariable UUID documentId) {
        return queries.download(queries.documentFile(id, documentId, user));
    }

    @PostMapping("/{id}/transitions")
    @RequiresPermission(Permission.DOSSIER_READ)
    ResponseEntity<DossierView> transition(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                           @RequestBody TransitionRequest body) {
        dossiers.transition(user, id, body.action(), body.comment(), body.reference());
        DossierView view = queries.detail(id, user);
        return ResponseEntity.ok().eTag(Etags.of(view.rowVersion())).body(view);
    }

    @GetMapping("/{id}/decision.pdf")
    @RequiresPermission(Permission.DOSSIER_READ)
    ResponseEntity<Resource> decision(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return queries.download(queries.decisionFile(id, user));
    }

    @GetMapping("/{id}/summary.pdf")
    @RequiresPermission(Permission.DOSSIER_READ)
    ResponseEntity<Resource> summary(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        DossierView view = queries.detail(id, user);
        return FileResponses.attachment("tom-tat-ho-so-" + view.systemCode() + "-v" + view.version() + ".pdf",
                MediaTypes.PDF, queries.summaryPdf(id, user));
    }

    @ExceptionHandler(LevelDossiers.ActionNotAllowed.class)
    ResponseEntity<ProblemDetail> notAllowed(LevelDossiers.ActionNotAllowed e) {
        ResponseEntity<ProblemDetail> r = ApiProblems.problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), List.of());
        r.getBody().setProperty("state", e.state());
        r.getBody().setProperty("allowedActions", e.allowed());
        return r;
    }
}
