package vn.attthub.shared;

import java.util.EnumSet;
import java.util.Set;

import static vn.attthub.shared.Permission.*;

/**
 * Roles granted to a user at an agency; each applies to that agency's whole subtree.
 * {@code privileged} roles must use multi-factor authentication.
 */
public enum Role {
    PLATFORM_ADMIN(true, EnumSet.allOf(Permission.class)),
    NATIONAL_COORDINATOR(true, EnumSet.of(AGENCY_READ, USER_READ, AUDIT_READ, API_TOKEN_MANAGE, SYSTEM_READ,
            DOSSIER_READ, CONTROL_READ, INCIDENT_READ, INCIDENT_REPORT, INCIDENT_RESPOND, INCIDENT_COORDINATE,
            ALERT_INGEST)),
    AGENCY_ADMIN(true, EnumSet.of(AGENCY_READ, AGENCY_MANAGE, USER_READ, USER_MANAGE, AUDIT_READ, API_TOKEN_MANAGE,
            SYSTEM_READ, SYSTEM_MANAGE, DOSSIER_READ, CONTROL_READ, SIGNING_KEY_MANAGE, INCIDENT_READ, INCIDENT_REPORT)),
    SECURITY_OFFICER(true, EnumSet.of(AGENCY_READ, USER_READ, AUDIT_READ, API_TOKEN_MANAGE, SYSTEM_READ,
            SYSTEM_MANAGE, DOSSIER_READ, DOSSIER_PREPARE, DOSSIER_APPRAISE, CONTROL_READ, CONTROL_MANAGE, INCIDENT_READ,
            INCIDENT_REPORT, INCIDENT_RESPOND)),
    APPRAISER(false, EnumSet.of(AGENCY_READ, API_TOKEN_MANAGE, SYSTEM_READ, DOSSIER_READ, DOSSIER_APPRAISE,
            CONTROL_READ)),
    APPROVER(true, EnumSet.of(AGENCY_READ, API_TOKEN_MANAGE, SYSTEM_READ, DOSSIER_READ, DOSSIER_APPROVE,
            CONTROL_READ)),
    SYSTEM_OPERATOR(false, EnumSet.of(AGENCY_READ, API_TOKEN_MANAGE, SYSTEM_READ, SYSTEM_MANAGE, DOSSIER_READ,
            DOSSIER_PREPARE, CONTROL_READ, CONTROL_MANAGE, INCIDENT_READ, INCIDENT_REPORT)),
    INCIDENT_RESPONDER(false, EnumSet.of(AGENCY_READ, API_TOKEN_MANAGE, SYSTEM_READ, INCIDENT_READ, INCIDENT_REPORT,
            INCIDENT_RESPOND, ALERT_INGEST)),
    INSPECTOR(false, EnumSet.of(AGENCY_READ, AUDIT_READ, API_TOKEN_MANAGE, SYSTEM_READ, DOSSIER_READ,
            CONTROL_READ, INCIDENT_READ)),
    VIEWER(false, EnumSet.of(AGENCY_READ, SYSTEM_READ, DOSSIER_READ, CONTROL_READ, INCIDENT_READ));

    private final boolean privileged;
    private final Set<Permission> permissions;

    Role(boolean privileged, Set<Permission> permissions) {
        this.privileged = privileged;
        this.permissions = permissions;
    }

    public boolean privileged() {
        return privileged;
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }
}
