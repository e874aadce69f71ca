package vn.attthub.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Identity of an agency in the registry; modules refer to agencies only through it. */
public record AgencyId(UUID value) implements Serializable {
    public AgencyId {
        Objects.requireNonNull(value, "value");
    }

    public static AgencyId of(UUID value) {
        return new AgencyId(value);
    }

    public static AgencyId parse(String value) {
        return new AgencyId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
