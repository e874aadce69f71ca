package vn.attthub.shared;

import java.io.Serializable;

/** A role held at an agency, covering its subtree. */
public record Grant(Role role, AgencyId agency) implements Serializable {
}
