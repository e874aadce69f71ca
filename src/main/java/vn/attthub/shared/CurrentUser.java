package vn.attthub.shared;

import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signed-in caller (a person through a session, or a machine through an API token acting as its user).
 * Scope checks ask for the agency subtrees in which a permission is held; the agency registry decides
 * whether a given agency lies inside them.
 */
public record CurrentUser(UserId id, String username, String fullName, AgencyId agency, List<Grant> grants,
                          String authenticatedBy) implements Principal, Serializable {

    public CurrentUser {
        Objects.requireNonNull(id, "id");
        grants = List.copyOf(grants);
    }

    /** The username: what sessions and logs index the caller by. */
    @Override
    public String getName() {
        return username;
    }

    public boolean has(Permission permission) {
        return grants.stream().anyMatch(g -> g.role().grants(permission));
    }

    public boolean hasRole(Role role) {
        return grants.stream().anyMatch(g -> g.role() == role);
    }

    /** Roots of the agency subtrees in which {@code permission} is held (empty when not held at all). */
    public Set<AgencyId> scopeOf(Permission permission) {
        return grants.stream().filter(g -> g.role().grants(permission)).map(Grant::agency)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean privileged() {
        return grants.stream().anyMatch(g -> g.role().privileged());
    }
}
