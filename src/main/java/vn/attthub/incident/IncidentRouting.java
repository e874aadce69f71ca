package vn.attthub.incident;

import org.springframework.stereotype.Component;
import vn.attthub.organisation.AgencyRoleKind;
import vn.attthub.organisation.AgencyRoles;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.organisation.RegistrySnapshot;
import vn.attthub.shared.AgencyId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who receives a notice, all at the same moment (Decision 05/2017 Art 11.5; Circular 20/2017 Art 9.2.a): the system
 * owner, the incident-response unit serving the owner's ministry or province (the nearest IR_UNIT holder up the
 * tree), the national coordinator, and network members with a responsibility for the system (its hosting
 * provider). Who holds a role on the date of the notice comes from the agency registry, in the snapshot the notice
 * was checked against ({@link RegistrySnapshot}).
 */
@Component
class IncidentRouting {

    record Recipient(AgencyId agency, RecipientRole role) {
    }

    /** The recipients and the lead of the case, from the same registry look-up. */
    record Route(List<Recipient> recipients, AgencyId lead) {
    }

    /**
     * @param owner           the system owner, null when unknown
     * @param fallback        whose IR unit serves when the owner is unknown (the reporter's agency)
     * @param hostingProvider the registered hosting provider, null when none
     */
    Route routeWithLead(RegistrySnapshot registry, AgencyId owner, AgencyId fallback, AgencyId hostingProvider,
                        LocalDate date) {
        AgencyId irFor = owner != null ? owner : fallback;
        AgencyRoles.Holders holders = registry.holdersFor(AgencyRoleKind.IR_UNIT, irFor,
                AgencyRoleKind.NATIONAL_COORDINATOR, date);
        AgencyId irUnit = holders.serving().map(AgencySummary::id).orElse(null);
        AgencyId coordinator = holders.national().map(AgencySummary::id).orElse(null);
        return new Route(combine(owner, irUnit, coordinator,
                hostingProvider == null ? List.of() : List.of(hostingProvider)), lead(irUnit, coordinator));
    }

    /**
     * Who leads a new case: the IR unit of the owner's ministry or province, which coordinates response at its level
     * (Decision 05/2017 Art 6, 11.5), or the national coordinator when there is none (Art 7.3; Circular 20/2017
     * Art 11). Null when neither is registered.
     */
    static AgencyId lead(AgencyId irUnit, AgencyId coordinator) {
        return irUnit != null ? irUnit : coordinator;
    }

    /**
     * One entry per agency, in the order of the law's list (an agency holding two roles, e.g. an owner that is its
     * own IR unit, receives the notice once, under its first role).
     */
    static List<Recipient> combine(AgencyId owner, AgencyId irUnit, AgencyId coordinator, List<AgencyId> members) {
        List<Recipient> out = new ArrayList<>();
        Set<AgencyId> seen = new LinkedHashSet<>();
        add(out, seen, owner, RecipientRole.SYSTEM_OWNER);
        add(out, seen, irUnit, RecipientRole.IR_UNIT);
        add(out, seen, coordinator, RecipientRole.NATIONAL_COORDINATOR);
        for (AgencyId m : members) add(out, seen, m, RecipientRole.NETWORK_MEMBER);
        return out;
    }

    private static void add(List<Recipient> out, Set<AgencyId> seen, AgencyId agency, RecipientRole role) {
        if (agency != null && seen.add(agency)) out.add(new Recipient(agency, role));
    }
}
