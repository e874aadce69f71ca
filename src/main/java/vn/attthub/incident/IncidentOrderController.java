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

/** Coordination orders over HTTP (Circular 20/2017 Art 8.2, Form 06); see docs/incidents-api.md. */
@RestController
class IncidentOrderController {
    private final IncidentOrders orders;

    IncidentOrderController(IncidentOrders orders) {
        this.orders = orders;
    }

    @PostMapping("/api/v1/incidents/{id}/orders")
    @RequiresPermission(Permission.INCIDENT_COORDINATE)
    ResponseEntity<IncidentOrders.OrderView> issue(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                                   @RequestBody(required = false) IncidentOrders.Issue body) {
        IncidentOrders.OrderView view = orders.issue(user, id, body);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{o}")
                .buildAndExpand(view.id()).toUri()).body(view);
    }

    @GetMapping("/api/v1/incidents/{id}/orders")
    @RequiresPermission(Permission.INCIDENT_READ)
    Map<String, List<IncidentOrders.OrderView>> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return Map.of("items", orders.list(user, id));
    }

    @GetMapping("/api/v1/incidents/{id}/orders/{orderId}")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentOrders.OrderView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                 @PathVariable UUID orderId) {
        return orders.get(user, id, orderId);
    }

    @PostMapping("/api/v1/incidents/{id}/orders/{orderId}/acknowledgements")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentOrders.OrderView acknowledge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                         @PathVariable UUID orderId,
                                         @RequestBody(required = false) IncidentOrders.AckRequest body) {
        return orders.acknowledge(user, id, orderId, body == null ? null : body.agencyId());
    }

    @PostMapping("/api/v1/incidents/{id}/orders/{orderId}/completion")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentOrders.OrderView complete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                      @PathVariable UUID orderId,
                                      @RequestBody(required = false) IncidentOrders.Completion body) {
        return orders.complete(user, id, orderId, body);
    }
}
