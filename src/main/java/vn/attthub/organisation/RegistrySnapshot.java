package vn.attthub.organisation;

import vn.attthub.shared.AgencyId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One revision of the agency registry (V12, V122), read in one statement: every agency with its path, and every legal
 * role with its holder. Answers "which agencies are these" and "who holds this role on this date" in memory, so that
 * a caller asking several questions (an incident notice checks its parties' scopes, routes to the IR unit and the
 * national coordinator, then names them in its answer) reads the registry's revision once and gets answers from the
 * same committed state. Immutable, shared by every thread.
 */
public final class RegistrySnapshot {
    /** Holders first by the start of their term, latest first; then by code, so that the answer is deterministic. */
    private static final Comparator<Term> LATEST_FIRST = Comparator.comparing(Term::from).reversed()
            .thenComparing(t -> t.holder().code());

    private final AgencySearchIndex agencies;
    /** role -> the agency it serves (null key: national roles) -> terms, latest first. */
    private final Map<AgencyRoleKind, Map<UUID, List<Term>>> roles;

    /** A term of a role: {@code holder} holds it from {@code from} to {@code to} (inclusive, null: open). */
    private record Term(Agency holder, LocalDate from, LocalDate to) {
        boolean validOn(LocalDate date) {
            return !from.isAfter(date) && (to == null || !to.isBefore(date));
        }
    }

    /** A role row as stored: its holder and whom it serves by id. */
    record RoleRow(UUID agency, AgencyRoleKind role, UUID forAgency, LocalDate from, LocalDate to) {
    }

    RegistrySnapshot(long revision, Collection<Agency> registry, Collection<RoleRow> roleRows) {
        this.agencies = AgencySearchIndex.of(revision, registry);
        Map<AgencyRoleKind, Map<UUID, List<Term>>> byRole = new EnumMap<>(AgencyRoleKind.class);
        for (RoleRow r : roleRows) {
            Agency holder = agencies.find(r.agency());
            if (holder == null) continue; // cannot happen (foreign key), and a holder nobody can name serves no one
            byRole.computeIfAbsent(r.role(), k -> new HashMap<>())
                    .computeIfAbsent(r.forAgency(), k -> new ArrayList<>())
                    .add(new Term(holder, r.from(), r.to()));
        }
        byRole.values().forEach(served -> served.replaceAll((k, terms) -> {
            terms.sort(LATEST_FIRST);
            return List.copyOf(terms);
        }));
        this.roles = byRole;
    }

    public long revision() {
        return agencies.revision();
    }

    AgencySearchIndex index() {
        return agencies;
    }

    /** The agencies among {@code ids} (unknown and null ones left out), with their paths. */
    public Map<AgencyId, Agency> registered(Collection<AgencyId> ids) {
        Map<AgencyId, Agency> out = new HashMap<>();
        for (AgencyId id : ids) {
            Agency agency = id == null ? null : agencies.find(id.value());
            if (agency != null) out.put(id, agency);
        }
        return out;
    }

    /** The agency holding {@code role} for {@code forAgency} (null for national roles) on {@code date}. */
    public Optional<AgencySummary> holderOf(AgencyRoleKind role, AgencyId forAgency, LocalDate date) {
        return first(role, forAgency == null ? null : forAgency.value(), date).map(t -> summary(t.holder()));
    }

    /**
     * The holder of a serving role (e.g. SECURITY_UNIT, IR_UNIT) for {@code agency} or, when it has none, for its
     * nearest ancestor that has one: a province's incident-response unit also serves the province's departments.
     * Empty when the agency is not in the registry.
     */
    public Optional<AgencySummary> nearestHolderFor(AgencyRoleKind role, AgencyId agency, LocalDate date) {
        Agency served = agency == null ? null : agencies.find(agency.value());
        if (served == null) return Optional.empty();
        String[] ancestors = served.path().substring(1).split("/"); // "/root/.../self/": root first, self last
        for (int i = ancestors.length - 1; i >= 0; i--) {
            Optional<Term> term = first(role, UUID.fromString(ancestors[i]), date);
            if (term.isPresent()) return term.map(t -> summary(t.holder()));
        }
        return Optional.empty();
    }

    /**
     * {@link #nearestHolderFor}({@code serving}, {@code agency}) and {@link #holderOf}({@code national}, null), e.g.
     * the IR unit and the national coordinator an incident notice goes to.
     *
     * @param agency null when unknown: then only the national holder is looked up
     */
    public AgencyRoles.Holders holdersFor(AgencyRoleKind serving, AgencyId agency, AgencyRoleKind national,
                                          LocalDate date) {
        return new AgencyRoles.Holders(agency == null ? Optional.empty() : nearestHolderFor(serving, agency, date),
                holderOf(national, null, date));
    }

    /** Every agency holding {@code role} (for anyone) on {@code date}, by code. */
    public List<AgencySummary> holdersOf(AgencyRoleKind role, LocalDate date) {
        Map<UUID, Agency> holders = new LinkedHashMap<>();
        roles.getOrDefault(role, Map.of()).values().forEach(terms -> terms.stream().filter(t -> t.validOn(date))
                .forEach(t -> holders.putIfAbsent(t.holder().id(), t.holder())));
        return holders.values().stream().sorted(Comparator.comparing(Agency::code)).map(RegistrySnapshot::summary)
                .toList();
    }

    private Optional<Term> first(AgencyRoleKind role, UUID forAgency, LocalDate date) {
        Map<UUID, List<Term>> served = roles.get(role); // a HashMap: national terms are under the null key
        List<Term> terms = served == null ? null : served.get(forAgency);
        if (terms == null) return Optional.empty();
        for (Term t : terms) {
            if (t.validOn(date)) return Optional.of(t);
        }
        return Optional.empty();
    }

    static AgencySummary summary(Agency a) {
        return new AgencySummary(a.agencyId(), a.code(), a.name(), a.nameEn(), a.kind().name(),
                a.parentId() == null ? null : AgencyId.of(a.parentId()), a.validFrom(), a.validTo());
    }
}
