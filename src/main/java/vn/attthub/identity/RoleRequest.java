package vn.attthub.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import vn.attthub.shared.Role;

import java.util.Locale;
import java.util.UUID;

/**
 * A role in a request body: either its code ({@code "SECURITY_OFFICER"}, granted at the user's own agency) or
 * {@code {"role": "...", "agencyId": "..."}}.
 */
record RoleRequest(Role role, UUID agencyId) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    RoleRequest(@JsonProperty("role") Role role, @JsonProperty("agencyId") UUID agencyId) {
        this.role = role;
        this.agencyId = agencyId;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RoleRequest of(String code) {
        try {
            return new RoleRequest(Role.valueOf(code.trim().toUpperCase(Locale.ROOT)), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + code + "'; expected one of "
                    + java.util.Arrays.toString(Role.values()));
        }
    }

    UserAdministration.RoleAt toRoleAt() {
        return new UserAdministration.RoleAt(role, agencyId);
    }
}
