package vn.attthub.document.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.attthub.document.SigningCredential;
import vn.attthub.document.SigningCredentials;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agency's signing keys: import a PKCS#12 file, list (certificate details and fingerprint, never the key),
 * deactivate. {@link Permission#SIGNING_KEY_MANAGE} within the agency's subtree; other agencies answer 404.
 */
@RestController
@RequestMapping("/api/v1/agencies/{id}/signing-credentials")
class SigningCredentialApi {
    private final SigningCredentials credentials;

    SigningCredentialApi(SigningCredentials credentials) {
        this.credentials = credentials;
    }

    record CredentialJson(UUID id, UUID agencyId, String subject, String issuer, String serialNumber,
                          Instant notBefore, Instant notAfter, String certificateSha256, String keyAlgorithm,
                          String origin, boolean active, boolean usableNow, Instant createdAt, Instant deactivatedAt) {
        static CredentialJson of(SigningCredential c) {
            return new CredentialJson(c.id(), c.agency().value(), c.subject(), c.issuer(), c.serialNumber(),
                    c.notBefore(), c.notAfter(), c.certificateSha256(), c.keyAlgorithm(), c.origin(), c.active(),
                    c.usableAt(Instant.now()), c.createdAt(), c.deactivatedAt());
        }
    }

    record Page(List<CredentialJson> items, String next) {
    }

    @GetMapping
    @RequiresPermission(Permission.SIGNING_KEY_MANAGE)
    Page list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
              @RequestParam(required = false) UUID after, @RequestParam(required = false) Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw InvalidInputException.field("limit", "limit phải từ 1 đến 200 (limit must be 1-200).");
        }
        List<SigningCredential> rows = credentials.list(AgencyId.of(id), user, after, size + 1);
        List<CredentialJson> items = rows.stream().limit(size).map(CredentialJson::of).toList();
        return new Page(items, rows.size() > size ? items.get(size - 1).id().toString() : null);
    }

    /** Multipart: {@code file} (.p12/.pfx, at most 64 KB) and {@code password}. The password is never stored. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission(Permission.SIGNING_KEY_MANAGE)
    ResponseEntity<CredentialJson> importPkcs12(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                                @RequestParam(required = false) MultipartFile file,
                                                @RequestParam(required = false) String password) {
        byte[] p12 = Uploads.read(file, Uploads.MAX_PKCS12);
        SigningCredential saved = credentials.importPkcs12(AgencyId.of(id), p12,
                password == null ? new char[0] : password.toCharArray(), user);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{c}")
                .buildAndExpand(saved.id()).toUri()).body(CredentialJson.of(saved));
    }

    @GetMapping("/{credentialId}")
    @RequiresPermission(Permission.SIGNING_KEY_MANAGE)
    CredentialJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                       @PathVariable UUID credentialId) {
        return CredentialJson.of(credentials.get(AgencyId.of(id), credentialId, user));
    }

    /** Stops using the credential for new signatures; signatures already made stay verifiable. */
    @PostMapping("/{credentialId}/deactivation")
    @RequiresPermission(Permission.SIGNING_KEY_MANAGE)
    CredentialJson deactivate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                              @PathVariable UUID credentialId) {
        return CredentialJson.of(credentials.deactivate(AgencyId.of(id), credentialId, user));
    }
}
