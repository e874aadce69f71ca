package vn.attthub.incident;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Incident tasks over HTTP (issue 4 §3 "tasks with owners"); see docs/incidents-api.md "Tasks". Who may do what is
 * decided per case in {@link IncidentTasks} (coordinator, the case's reporter/responders, the owner agency's subtree).
 */
@RestController
class IncidentTaskController {
    private final IncidentTasks tasks;

    IncidentTaskController(IncidentTasks tasks) {
        this.tasks = tasks;
    }

    @PostMapping("/api/v1/incidents/{id}/tasks")
    @RequiresPermission(Permission.INCIDENT_READ)
    ResponseEntity<IncidentTasks.TaskView> create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                                  @RequestBody(required = false) IncidentTasks.Create body) {
        IncidentTasks.TaskView view = tasks.create(user, id, body);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{t}")
                .buildAndExpand(view.id()).toUri()).body(view);
    }

    @GetMapping("/api/v1/incidents/{id}/tasks")
    @RequiresPermission(Permission.INCIDENT_READ)
    Map<String, List<IncidentTasks.TaskView>> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                                   @RequestParam(required = false) String status,
                                                   @RequestParam(required = false) Boolean mine) {
        return Map.of("items", tasks.list(user, id, status, mine));
    }

    @GetMapping("/api/v1/incidents/{id}/tasks/{taskId}")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentTasks.TaskView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                               @PathVariable UUID taskId) {
        return tasks.get(user, id, taskId);
    }

    @PutMapping("/api/v1/incidents/{id}/tasks/{taskId}")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentTasks.TaskView update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                  @PathVariable UUID taskId,
                                  @RequestBody(required = false) IncidentTasks.Update body) {
        return tasks.update(user, id, taskId, body);
    }

    @PostMapping("/api/v1/incidents/{id}/tasks/{taskId}/start")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentTasks.TaskView start(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                 @PathVariable UUID taskId) {
        return tasks.start(user, id, taskId);
    }

    @PostMapping("/api/v1/incidents/{id}/tasks/{taskId}/completion")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentTasks.TaskView complete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                    @PathVariable UUID taskId,
                                    @RequestBody(required = false) IncidentTasks.Completion body) {
        return tasks.complete(user, id, taskId, body);
    }

    @PostMapping("/api/v1/incidents/{id}/tasks/{taskId}/cancellation")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentTasks.TaskView cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                  @PathVariable UUID taskId,
                                  @RequestBody(required = false) IncidentTasks.Cancellation body) {
        return tasks.cancel(user, id, taskId, body);
    }
}
