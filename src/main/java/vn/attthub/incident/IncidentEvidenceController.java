package vn.attthub.incident;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Evidence files and their chain of custody over HTTP (issue 4 §3); see docs/incidents-api.md. */
@RestController
class IncidentEvidenceController {
    private final IncidentEvidence evidence;

    IncidentEvidenceController(IncidentEvidence evidence) {
        this.evidence = evidence;
    }

    @PostMapping("/api/v1/incidents/{id}/evidence")
    @RequiresPermission(Permission.INCIDENT_READ)
    ResponseEntity<IncidentEvidence.EvidenceView> upload(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(value = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String collectionMethod,
            @RequestParam(required = false) String collectionLocation,
            @RequestParam(required = false) String collectedAt, @RequestParam(required = false) String tlp) {
        IncidentEvidence.Upload body = new IncidentEvidence.Upload(description, collectionMethod, collectionLocation,
                collectedAt, tlp);
        try (InputStream in = file == null || file.isEmpty() ? null : file.getInputStream()) {
            IncidentEvidence.EvidenceView view = evidence.upload(user, id, in,
                    file == null ? null : file.getOriginalFilename(), file == null ? null : file.getContentType(),
                    body);
            return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{e}")
                    .buildAndExpand(view.id()).toUri()).body(view);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/v1/incidents/{id}/evidence")
    @RequiresPermission(Permission.INCIDENT_READ)
    Map<String, List<IncidentEvidence.EvidenceView>> list(@AuthenticationPrincipal CurrentUser user,
                                                          @PathVariable UUID id) {
        return Map.of("items", evidence.list(user, id));
    }

    @GetMapping("/api/v1/incidents/{id}/evidence/{evidenceId}")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentEvidence.EvidenceView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                      @PathVariable UUID evidenceId) {
        return evidence.get(user, id, evidenceId);
    }

    @GetMapping("/api/v1/incidents/{id}/evidence/{evidenceId}/content")
    @RequiresPermission(Permission.INCIDENT_READ)
    ResponseEntity<Resource> content(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                     @PathVariable UUID evidenceId) {
        return evidence.download(user, id, evidenceId);
    }

    @PostMapping("/api/v1/incidents/{id}/evidence/{evidenceId}/verification")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentEvidence.Verification verify(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                         @PathVariable UUID evidenceId) {
        return evidence.verify(user, id, evidenceId);
    }

    @PostMapping("/api/v1/incidents/{id}/evidence/{evidenceId}/transfers")
    @RequiresPermission(Permission.INCIDENT_READ)
    IncidentEvidence.EvidenceView transfer(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                           @PathVariable UUID evidenceId,
                                           @RequestBody(required = false) IncidentEvidence.Transfer body) {
        return evidence.transfer(user, id, evidenceId, body);
    }
}
