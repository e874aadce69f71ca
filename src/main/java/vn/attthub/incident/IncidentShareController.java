package vn.attthub.incident;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
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

/** Sharing a case under a TLP cap (issue 4 §3; FIRST TLP 2.0); see docs/incidents-api.md. */
@RestController
class IncidentShareController {
    private final IncidentShares shares;

    IncidentShareController(IncidentShares shares) {
        this.shares = shares;
    }

    @PostMapping("/api/v1/incidents/{id}/shares")
    @RequiresPermission(Permission.INCIDENT_RESPOND)
    ResponseEntity<IncidentShares.ShareView> share(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                                   @RequestBody(required = false) IncidentShares.Request body) {
        IncidentShares.ShareView view = shares.share(user, id, body);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{s}")
                .buildAndExpand(view.id()).toUri()).body(view);
    }

    @GetMapping("/api/v1/incidents/{id}/shares")
    @RequiresPermission(Permission.INCIDENT_READ)
    Map<String, List<IncidentShares.ShareView>> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return Map.of("items", shares.list(user, id));
    }

    @DeleteMapping("/api/v1/incidents/{id}/shares/{shareId}")
    @RequiresPermission(Permission.INCIDENT_RESPOND)
    IncidentShares.ShareView revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                    @PathVariable UUID shareId) {
        return shares.revoke(user, id, shareId);
    }
}
