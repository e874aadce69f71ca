package vn.attthub.incident;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.GroupCommit;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;
import vn.attthub.shared.web.ApiProblems;
import vn.attthub.shared.web.Etags;
import vn.attthub.shared.web.IdempotentWithItsAnswer;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The incident API (Circular 20/2017 Art 9-11; Decision 05/2017 Art 9-14): notices (with {@code Idempotency-Key}),
 * the list and detail within scope (out of scope = 404), acknowledgements by recipients, reports and transitions.
 */
@RestController
class IncidentController {
    private final Incidents incidents;
    private final IncidentViews views;
    private final IncidentReports reports;
    private final IncidentCategories categories;

    IncidentController(Incidents incidents, IncidentViews views, IncidentReports reports,
                       IncidentCategories categories) {
        this.incidents = incidents;
        this.views = views;
        this.reports = reports;
        this.categories = categories;
    }

    @GetMapping("/api/v1/incident-categories")
    @RequiresPermission(Permission.INCIDENT_READ)
    Map<String, Object> categories() {
        return Map.of("items", categories.all(), "source",
                "ENISA Reference Security Incident Taxonomy (RSIT), machinetag v" + "1003, CC0");
    }

    @PostMapping("/api/v1/incidents")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    @IdempotentWithItsAnswer // the notice and its stored answer commit together, in a group commit with other notices
    ResponseEntity<IncidentViews.Detail> file(@AuthenticationPrincipal CurrentUser user,
                                              @RequestBody Incidents.Notice body) {
        // The answer is built from what the intake stored (IncidentViews.filed), not read back: same JSON as a GET.
        Incidents.Filed filed = GroupCommit.isOpen()
                ? incidents.fileNoticeInGroupCommit(user, body, Incidents.ObservableMode.STRICT)
                : incidents.fileNotice(user, body, Incidents.ObservableMode.STRICT);
        UUID id = filed.id();
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id).toUri();
        IncidentViews.Detail view = views.filed(filed, user);
        return ResponseEntity.created(location).eTag(Etags.of(view.version())).body(view);
    }

    @GetMapping("/api/v1/incidents")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentViews.Page list(@AuthenticationPrincipal CurrentUser user,
                            @RequestParam(required = false) String state,
                            @RequestParam(required = false) String severity,
                            @RequestParam(required = false) String category,
                            @RequestParam(required = false) UUID agencyId,
                            @RequestParam(required = false) Boolean overdue,
                            @RequestParam(required = false) Boolean open,
                            @RequestParam(required = false) String sort,
                            @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        return views.list(user, new IncidentViews.Filter(state, severity, category, agencyId, overdue, open, sort,
                page, size));
    }

    @GetMapping("/api/v1/incidents/{id}")
    @RequiresPermission(Permission.INCIDENT_READ)
    ResponseEntity<IncidentViews.Detail> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        IncidentViews.Detail view = views.detail(id, user);
        return ResponseEntity.ok().eTag(Etags.of(view.version())).body(view);
    }

    record AckRequest(UUID agencyId) {
    }

    @PostMapping("/api/v1/incidents/{id}/acknowledgements")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentViews.Detail acknowledge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                     @RequestBody(required = false) AckRequest body) {
        incidents.acknowledge(user, id, body == null ? null : body.agencyId(), views);
        return views.detail(id, user);
    }

    @PostMapping("/api/v1/incidents/{id}/transitions")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentViews.Detail transition(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                    @RequestBody Incidents.Transition body) {
        incidents.transition(user, id, body, views);
        return views.detail(id, user);
    }

    @PostMapping("/api/v1/incidents/{id}/reports")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    ResponseEntity<IncidentReports.ReportView> report(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                                      @RequestBody IncidentReports.Submission body) {
        IncidentReports.ReportView view = reports.submit(user, id, body);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{r}").buildAndExpand(view.id())
                .toUri();
        return ResponseEntity.created(location).body(view);
    }

    @GetMapping("/api/v1/incidents/{id}/reports/{reportId}")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentReports.ReportView reportView(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                          @PathVariable UUID reportId) {
        return reports.find(user, id, reportId);
    }

    @GetMapping("/api/v1/incidents/{id}/reports/{reportId}/pdf")
    @RequiresPermission(Permission.INCIDENT_READ)
    ResponseEntity<Resource> reportPdf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                       @PathVariable UUID reportId) {
        return reports.pdf(user, id, reportId);
    }

    @ExceptionHandler(Incidents.NotAllowed.class)
    ResponseEntity<ProblemDetail> notAllowed(Incidents.NotAllowed e) {
        ResponseEntity<ProblemDetail> r = ApiProblems.problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), List.of());
        r.getBody().setProperty("state", e.state);
        r.getBody().setProperty("allowedTransitions", e.allowed);
        return r;
    }
}
