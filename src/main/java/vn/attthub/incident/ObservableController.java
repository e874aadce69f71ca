package vn.attthub.incident;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Observables of a case and the search across cases (issue 4 §3); see docs/incidents-api.md. */
@RestController
class ObservableController {
    private final IncidentObservables observables;
    private final IncidentViews views;
    private final Incidents incidents;

    ObservableController(IncidentObservables observables, IncidentViews views, Incidents incidents) {
        this.observables = observables;
        this.views = views;
        this.incidents = incidents;
    }

    @GetMapping("/api/v1/incidents/{id}/observables")
    @RequiresPermission(Permission.INCIDENT_READ)
    Map<String, List<IncidentObservables.View>> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return Map.of("items", observables.list(user, id, views.access(id, user)));
    }

    @PostMapping("/api/v1/incidents/{id}/observables")
    @RequiresPermission(Permission.INCIDENT_READ)
    ResponseEntity<Map<String, List<IncidentObservables.View>>> add(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) IncidentObservables.AddRequest body) {
        return ResponseEntity.ok(Map.of("items", observables.add(user, id, body, views, incidents)));
    }

    @GetMapping("/api/v1/observables")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentObservables.Search search(@AuthenticationPrincipal CurrentUser user,
                                      @RequestParam(required = false) String value,
                                      @RequestParam(required = false) String type,
                                      @RequestParam(required = false) UUID except) {
        return observables.search(user, value, type, except);
    }
}
