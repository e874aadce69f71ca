package vn.attthub.organisation;

import vn.attthub.shared.AgencyId;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An agency in the registry. {@code path} is the chain of ancestor ids including itself ("/root/.../self/").
 */
public record Agency(UUID id, String code, String name, String nameEn, AgencyKind kind, UUID parentId, String path,
                     int depth, String address, LocalDate validFrom, LocalDate validTo, int version, boolean demo) {

    public AgencyId agencyId() {
        return AgencyId.of(id);
    }

    /** In force on {@code date}: from valid_from to valid_to, both inclusive. */
    public boolean validOn(LocalDate date) {
        return !validFrom.isAfter(date) && (validTo == null || !validTo.isBefore(date));
    }

    /** True when {@code other} lies in this agency's subtree (itself included). */
    public boolean contains(Agency other) {
        return other.path.startsWith(path);
    }

    public static String pathOf(String parentPath, UUID id) {
        return (parentPath == null ? "/" : parentPath) + id + "/";
    }
}
