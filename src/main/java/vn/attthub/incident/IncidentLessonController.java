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

/** Lessons learned on a case and the network feed of sanitised notes (issue 4 §3); see docs/incidents-api.md. */
@RestController
class IncidentLessonController {
    private final IncidentLessons lessons;

    IncidentLessonController(IncidentLessons lessons) {
        this.lessons = lessons;
    }

    @PostMapping("/api/v1/incidents/{id}/lessons")
    @RequiresPermission(Permission.INCIDENT_READ)
    ResponseEntity<IncidentLessons.LessonView> write(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                                     @RequestBody(required = false) IncidentLessons.Draft body) {
        IncidentLessons.LessonView view = lessons.write(user, id, body);
        return ResponseEntity.status(201).body(view);
    }

    @GetMapping("/api/v1/incidents/{id}/lessons")
    @RequiresPermission(Permission.INCIDENT_READ)
    Map<String, List<IncidentLessons.LessonView>> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return Map.of("items", lessons.list(user, id));
    }

    @PostMapping("/api/v1/incidents/{id}/lessons/{lessonId}/publication")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentLessons.LessonView publish(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                       @PathVariable UUID lessonId,
                                       @RequestBody(required = false) IncidentLessons.Publication body) {
        return lessons.publish(user, id, lessonId, body);
    }

    @GetMapping("/api/v1/lessons")
    @RequiresPermission(Permission.INCIDENT_READ)
    Map<String, List<IncidentLessons.FeedItem>> feed(@AuthenticationPrincipal CurrentUser user,
                                                     @RequestParam(required = false) Integer limit) {
        return Map.of("items", lessons.feed(user, limit));
    }
}
