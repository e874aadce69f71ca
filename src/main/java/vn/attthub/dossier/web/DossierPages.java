package vn.attthub.dossier.web;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.attthub.document.FileResponses;
import vn.attthub.document.MediaTypes;
import vn.attthub.dossier.DisplayTime;
import vn.attthub.dossier.DocumentType;
import vn.attthub.dossier.DossierOverview;
import vn.attthub.dossier.DossierQueries;
import vn.attthub.dossier.DossierState;
import vn.attthub.dossier.LevelDossiers;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * The dossier pages: my work (what awaits my agency, overdue first) and the list in scope, the overdue view, a new
 * dossier, and the workspace where each side (operator, security unit, appraiser, approver) sees the system, the level
 * and its articles, the documents with versions and SHA-256, deadlines, the timeline and the actions it may take now.
 */
@Controller
@RequestMapping("/dossiers")
class DossierPages {
    private final LevelDossiers dossiers;
    private final DossierQueries queries;
    private final DossierOverview overview;
    private final vn.attthub.infosystem.SystemQueries systems;

    DossierPages(LevelDossiers dossiers, DossierQueries queries, DossierOverview overview,
                 vn.attthub.infosystem.SystemQueries systems) {
        this.dossiers = dossiers;
        this.queries = queries;
        this.overview = overview;
        this.systems = systems;
    }

    /** "CODE · Name" of a system in the user's scope, or null when it is not (the filter then shows the id). */
    private String systemLabel(UUID systemId, CurrentUser user) {
        try {
            var s = systems.get(systemId, user);
            return s.code() + " · " + s.name();
        } catch (vn.attthub.shared.NotFoundException e) {
            return null;
        }
    }

    /** A system offered on the new-dossier page. */
    record SystemChoice(UUID id, String code, String name) {
    }

    /** The systems the user may pick for a new dossier, by code or name ({@code q}); the chosen one always listed. */
    private void systemChoices(CurrentUser user, String q, UUID chosen, Model model) {
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 200) {
            text = text.substring(0, 200);
        }
        List<SystemChoice> found = new java.util.ArrayList<>(systems.search(
                        vn.attthub.infosystem.SystemSearch.of(text, null, null, null, null, 200), user).items()
                .stream().map(i -> new SystemChoice(i.id(), i.code(), i.name())).toList());
        if (chosen != null && found.stream().noneMatch(i -> i.id().equals(chosen))) {
            try {
                var s = systems.get(chosen, user);
                found.add(0, new SystemChoice(s.id(), s.code(), s.name()));
            } catch (vn.attthub.shared.NotFoundException e) {
                model.addAttribute("unknownSystem", true);
            }
        }
        model.addAttribute("systems", found);
        model.addAttribute("q", text);
    }

    @GetMapping
    @RequiresPermission(Permission.DOSSIER_READ)
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) DossierState state,
                @RequestParam(required = false) UUID after, @RequestParam(required = false) UUID systemId,
                Model model) {
        model.addAttribute("work", queries.myWork(user, 50));
        var page = queries.list(user, systemId, state, after, 25);
        model.addAttribute("page", page);
        model.addAttribute("systemId", systemId);
        model.addAttribute("systemLabel", systemId == null ? null : systemLabel(systemId, user));
        model.addAttribute("state", state);
        model.addAttribute("states", DossierState.values());
        model.addAttribute("overdueCount", overview.overdueFor(user).size());
        model.addAttribute("canPrepare", user.has(Permission.DOSSIER_PREPARE));
        model.addAttribute("fmt", DisplayTime.INSTANCE);
        return "dossier/list";
    }

    @GetMapping("/overdue")
    @RequiresPermission(Permission.DOSSIER_READ)
    String overdue(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("items", overview.overdueFor(user));
        model.addAttribute("fmt", DisplayTime.INSTANCE);
        return "dossier/overdue";
    }

    @GetMapping("/new")
    @RequiresPermission(Permission.DOSSIER_PREPARE)
    String form(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID systemId,
                @RequestParam(required = false) String q, Model model) {
        model.addAttribute("systemId", systemId);
        systemChoices(user, q, systemId, model);
        return "dossier/new";
    }

    @PostMapping
    @RequiresPermission(Permission.DOSSIER_PREPARE)
    String create(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID systemId,
                  @RequestParam(required = false) Integer proposedLevel,
                  @RequestParam(required = false) String justification, Model model) {
        try {
            var d = dossiers.create(user, systemId, proposedLevel, justification);
            return "redirect:/dossiers/" + d.id();
        } catch (InvalidInputException | ConflictException | vn.attthub.shared.NotFoundException e) {
            model.addAttribute("systemId", systemId);
            model.addAttribute("proposedLevel", proposedLevel);
            model.addAttribute("justification", justification);
            model.addAttribute("error", e instanceof vn.attthub.shared.NotFoundException
                    ? null : e.getMessage());
            model.addAttribute("errors", e instanceof InvalidInputException i ? i.errors() : List.of());
            model.addAttribute("unknownSystem", e instanceof vn.attthub.shared.NotFoundException);
            systemChoices(user, null, systemId, model);
            return "dossier/new";
        }
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.DOSSIER_READ)
    String workspace(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        var view = queries.detail(id, user);
        model.addAttribute("v", view);
        model.addAttribute("fmt", DisplayTime.INSTANCE);
        List<String> uploadable = view.actions().stream().anyMatch(a -> a.action().equals("SUBMIT"))
                ? view.requiredDocuments().stream().filter(t -> !t.equals(DocumentType.PROFESSIONAL_OPINION.name()))
                .toList()
                : view.actions().stream().anyMatch(a -> a.action().equals("GIVE_OPINION"))
                ? List.of(DocumentType.PROFESSIONAL_OPINION.name()) : List.of();
        model.addAttribute("uploadable", uploadable);
        return "dossier/workspace";
    }

    @PostMapping("/{id}/documents")
    @RequiresPermission(Permission.DOSSIER_READ)
    String upload(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                  @RequestParam(required = false) String type,
                  @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes flash)
            throws IOException {
        queries.detail(id, user);
        if (file == null || file.isEmpty()) {
            flash.addFlashAttribute("error", "Chọn tệp PDF hoặc DOCX (a file is required).");
            return "redirect:/dossiers/" + id;
        }
        try (InputStream in = file.getInputStream()) {
            var stored = dossiers.upload(user, id, type, in, file.getOriginalFilename(), file.getContentType());
            flash.addFlashAttribute("message", stored.originalName() + " — SHA-256 " + stored.sha256());
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        } catch (AccessDeniedException e) {
            flash.addFlashAttribute("error", "Bạn không có quyền tải lên loại tài liệu này (not allowed).");
        }
        return "redirect:/dossiers/" + id;
    }

    @PostMapping("/{id}/transitions")
    @RequiresPermission(Permission.DOSSIER_READ)
    String transition(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                      @RequestParam(required = false) String action, @RequestParam(required = false) String comment,
                      @RequestParam(required = false) String reference, RedirectAttributes flash) {
        try {
            dossiers.transition(user, id, action, comment, reference);
            flash.addFlashAttribute("done", action);
        } catch (InvalidInputException | ConflictException | LevelDossiers.ActionNotAllowed e) {
            flash.addFlashAttribute("error", e.getMessage());
        } catch (AccessDeniedException e) {
            flash.addFlashAttribute("error", "Thao tác này thuộc về cơ quan khác (this action belongs to another agency).");
        }
        return "redirect:/dossiers/" + id;
    }

    @GetMapping("/{id}/documents/{documentId}")
    @RequiresPermission(Permission.DOSSIER_READ)
    ResponseEntity<Resource> document(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                      @PathVariable UUID documentId) {
        return queries.download(queries.documentFile(id, documentId, user));
    }

    @GetMapping("/{id}/decision.pdf")
    @RequiresPermission(Permission.DOSSIER_READ)
    ResponseEntity<Resource> decision(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return queries.download(queries.decisionFile(id, user));
    }

    @GetMapping("/{id}/summary.pdf")
    @RequiresPermission(Permission.DOSSIER_READ)
    ResponseEntity<Resource> summary(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        var view = queries.detail(id, user);
        return FileResponses.attachment("tom-tat-ho-so-" + view.systemCode() + "-v" + view.version() + ".pdf",
                MediaTypes.PDF, queries.summaryPdf(id, user));
    }
}
