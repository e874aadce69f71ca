package vn.attthub.incident;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Hand-over of case ownership and escalation over HTTP (issue 4 §3); see docs/incidents-api.md. */
@RestController
class IncidentHandoverController {
    private final IncidentHandovers handovers;

    IncidentHandoverController(IncidentHandovers handovers) {
        this.handovers = handovers;
    }

    @PostMapping("/api/v1/incidents/{id}/handovers")
    @RequiresPermission(Permission.INCIDENT_COORDINATE)
    ResponseEntity<IncidentHandovers.HandoverView> request(@AuthenticationPrincipal CurrentUser user,
                                                           @PathVariable UUID id,
                                                           @RequestBody(required = false) IncidentHandovers.Request body) {
        IncidentHandovers.HandoverView view = handovers.request(user, id, body);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{h}")
                .buildAndExpand(view.id()).toUri()).body(view);
    }

    @GetMapping("/api/v1/incidents/{id}/handovers")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentHandovers.Lineage lineage(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return handovers.lineage(user, id);
    }

    @PostMapping("/api/v1/incidents/{id}/handovers/{handoverId}/acceptance")
    @RequiresPermission(Permission.INCIDENT_RESPOND)
    IncidentHandovers.HandoverView accept(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                          @PathVariable UUID handoverId,
                                          @RequestBody(required = false) IncidentHandovers.Decision body) {
        return handovers.accept(user, id, handoverId, body);
    }

    @PostMapping("/api/v1/incidents/{id}/handovers/{handoverId}/decline")
    @RequiresPermission(Permission.INCIDENT_RESPOND)
    IncidentHandovers.HandoverView decline(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                           @PathVariable UUID handoverId,
                                           @RequestBody(required = false) IncidentHandovers.Decision body) {
        return handovers.decline(user, id, handoverId, body);
    }

    @PostMapping("/api/v1/incidents/{id}/handovers/{handoverId}/withdrawal")
    @RequiresPermission(Permission.INCIDENT_COORDINATE)
    IncidentHandovers.HandoverView withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                            @PathVariable UUID handoverId,
                                            @RequestBody(required = false) IncidentHandovers.Decision body) {
        return handovers.withdraw(user, id, handoverId, body);
    }

    /** Pending requests addressed to the caller's agencies (also TLP:RED ones, without the case's content). */
    @GetMapping("/api/v1/incident-handovers")
    @RequiresPermission(Permission.INCIDENT_RESPOND)
    Map<String, List<IncidentHandovers.InboxItem>> inbox(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", handovers.inbox(user));
    }
}
