package vn.attthub.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** API tokens for machine clients: the secret is in the creation response only. */
@RestController
@RequestMapping("/api/v1/api-tokens")
@RequiresPermission(Permission.API_TOKEN_MANAGE)
class ApiTokenController {
    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record CreateTokenRequest(UUID userId, String name, OffsetDateTime expiresAt) {
    }

    record TokenResponse(UUID id, UUID userId, String username, String name, String prefix, Instant createdAt,
                         Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String state,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String token) {
        static TokenResponse of(ApiTokens.TokenView t, String secret) {
            return new TokenResponse(t.id(), t.userId(), t.username(), t.name(), t.prefix(), t.createdAt(),
                    t.expiresAt(), t.lastUsedAt(), t.revokedAt(), t.state(), secret);
        }
    }

    record TokenList(List<TokenResponse> items) {
    }

    @PostMapping
    ResponseEntity<TokenResponse> create(@RequestBody CreateTokenRequest body, @AuthenticationPrincipal CurrentUser caller) {
        ApiTokens.Issued issued = tokens.issue(caller, body.userId(), body.name(),
                body.expiresAt() == null ? null : body.expiresAt().toInstant());
        return ResponseEntity.created(URI.create("/api/v1/api-tokens/" + issued.token().id()))
                .header("Cache-Control", "no-store")
                .body(TokenResponse.of(issued.token(), issued.secret()));
    }

    @GetMapping
    TokenList list(@RequestParam(required = false) UUID userId, @AuthenticationPrincipal CurrentUser caller) {
        return new TokenList(tokens.list(caller, userId).stream().map(t -> TokenResponse.of(t, null)).toList());
    }

    @PostMapping("/{id}/revoke")
    TokenResponse revoke(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
        return TokenResponse.of(tokens.revoke(caller, id), null);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
        tokens.revoke(caller, id);
        return ResponseEntity.noContent().build();
    }
}
