package vn.attthub.incident;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;
import vn.attthub.shared.web.Etags;

import java.net.URI;
import java.util.UUID;

/**
 * The alert API (issue 4 §3, machine intake for SOCs): ingest keyed by {@code source} + {@code sourceRef}, list and
 * detail within scope (out of scope = 404), promotion to an incident, merge into an incident, dismissal.
 */
@RestController
class AlertController {
    private final AlertIntake alerts;
    private final IncidentViews views;
    private final IncidentStatistics statistics;

    AlertController(AlertIntake alerts, IncidentViews views, IncidentStatistics statistics) {
        this.alerts = alerts;
        this.views = views;
        this.statistics = statistics;
    }

    /** Statistics per agency subtree and period (issue 4 §4); dates are ISO, inclusive, in Vietnam's zone. */
    @GetMapping("/api/v1/incident-statistics")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentStatistics.Statistics statistics(@AuthenticationPrincipal CurrentUser user,
                                             @RequestParam(required = false) UUID agencyId,
                                             @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to) {
        return statistics.compute(user, agencyId, from, to);
    }

    @PostMapping("/api/v1/alerts")
    @RequiresPermission(Permission.ALERT_INGEST)
    ResponseEntity<AlertIntake.AlertView> ingest(@AuthenticationPrincipal CurrentUser user,
                                                 @RequestBody AlertIntake.Alert body) {
        AlertIntake.Ingested r = alerts.ingest(user, body);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(r.alert().id()).toUri();
        return (r.created() ? ResponseEntity.created(location) : ResponseEntity.ok().location(location))
                .eTag(Etags.of(r.alert().version())).body(r.alert());
    }

    @GetMapping("/api/v1/alerts")
    @RequiresPermission(Permission.INCIDENT_READ)
    AlertIntake.Page list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String status,
                          @RequestParam(required = false) String source, @RequestParam(required = false) Integer page,
                          @RequestParam(required = false) Integer size) {
        return alerts.list(user, status, source, page, size);
    }

    @GetMapping("/api/v1/alerts/{id}")
    @RequiresPermission(Permission.INCIDENT_READ)
    ResponseEntity<AlertIntake.AlertView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        AlertIntake.AlertView view = alerts.find(user, id);
        return ResponseEntity.ok().eTag(Etags.of(view.version())).body(view);
    }

    @PostMapping("/api/v1/alerts/{id}/promotion")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    ResponseEntity<IncidentViews.Detail> promote(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                                 @RequestBody(required = false) AlertIntake.Promotion body) {
        UUID incident = alerts.promote(user, id, body);
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/incidents/{id}")
                .buildAndExpand(incident).toUri();
        IncidentViews.Detail view = views.detail(incident, user);
        return ResponseEntity.created(location).eTag(Etags.of(view.version())).body(view);
    }

    @PostMapping("/api/v1/alerts/{id}/merge")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    AlertIntake.AlertView merge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                @RequestBody(required = false) AlertIntake.Merge body) {
        return alerts.merge(user, id, body);
    }

    @PostMapping("/api/v1/alerts/{id}/dismissal")
    @RequiresPermission(Permission.INCIDENT_REPORT)
    AlertIntake.AlertView dismiss(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                  @RequestBody(required = false) AlertIntake.Dismissal body) {
        return alerts.dismiss(user, id, body);
    }
}
