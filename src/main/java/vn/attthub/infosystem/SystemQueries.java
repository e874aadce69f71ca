package vn.attthub.infosystem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencyRoleKind;
import vn.attthub.organisation.AgencyRoles;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.regime.LevelInputs;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What callers may read of the register, always limited to their SYSTEM_READ scope inside the SQL. */
@Component
public class SystemQueries {
    private final JdbcClient jdbc;
    private final Systems systems;
    private final AgencyDirectory agencies;
    private final AgencyRoles roles;

    SystemQueries(JdbcClient jdbc, Systems systems, AgencyDirectory agencies, AgencyRoles roles) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.agencies = agencies;
        this.roles = roles;
    }

    /** One row of the register list. */
    public record Item(UUID id, String code, String name, AgencyRef owner, AgencyRef operator,
                       vn.attthub.regime.SystemType systemType, Lifecycle lifecycle, java.time.LocalDate goLiveDate,
                       Integer approvedLevel, int softwareItems, boolean demo, int version) {
    }

    public record AgencyRef(UUID id, String code, String name) {
        static AgencyRef of(AgencySummary a) {
            return a == null ? null : new AgencyRef(a.id().value(), a.code(), a.nameVi());
        }
    }

    public record Page(List<Item> items, String next) {
    }

    public record SystemRef(UUID id, String code, String name, Integer approvedLevel, Lifecycle lifecycle) {
        static SystemRef of(InformationSystem s) {
            return new SystemRef(s.id(), s.code(), s.name(), s.approvedLevel(), s.lifecycle());
        }
    }

    /**
     * A system with everything its page shows: the owner, operator and hosting provider; the owner's security unit
     * derived from the registry on the day (Decree 85/2016 Art 3.5: the nearest SECURITY_UNIT holder for the owner
     * or its ancestors); the level inputs (component levels from the components' approved levels, Art 5.2);
     * components, the composites it belongs to, connections (only those the caller can see) and exposure.
     */
    public record Detail(InformationSystem system, AgencyRef owner, AgencyRef operator, AgencyRef hostingProvider,
                         AgencyRef securityUnit, LevelInputs levelInputs, List<SystemRef> components,
                         List<SystemRef> partOf, List<SystemRef> connectedSystems, List<String> domains,
                         List<String> publicIpRanges, int softwareItems) {
    }

    /** The id of the system with this code (case-insensitive), whatever its scope: callers check scope. */
    public java.util.Optional<UUID> idOfCode(String code) {
        return systems.idOfCode(code);
    }

    static Set<AgencyId> readScope(CurrentUser user) {
        return user.scopeOf(Permission.SYSTEM_READ);
    }

    public InformationSystem get(UUID id, CurrentUser user) {
        return systems.findInScope(id, readScope(user)).orElseThrow(() -> new NotFoundException("information-system", id));
    }

    public Detail detail(UUID id, CurrentUser user) {
        InformationSystem s = get(id, user);
        Set<AgencyId> scope = readScope(user);
        var owner = agencies.find(s.ownerId()).orElse(null);
        var operator = agencies.find(s.operatorId()).orElse(null);
        var provider = s.hostingProviderId() == null ? null : agencies.find(s.hostingProviderId()).orElse(null);
        var securityUnit = roles.nearestHolderFor(AgencyRoleKind.SECURITY_UNIT, s.ownerId(), SystemRegistry.today())
                .orElse(null);
        LevelInputs inputs = s.criteria().toInputs(s.systemType(), s.informationTypes(), systems.componentLevels(id));
        return new Detail(s, AgencyRef.of(owner), AgencyRef.of(operator), AgencyRef.of(provider),
                AgencyRef.of(securityUnit), inputs, visible(systems.components(id), scope),
                visible(systems.partOf(id), scope), visible(systems.connections(id), scope), systems.domains(id),
                systems.ipRanges(id), softwareCount(id));
    }

    private List<SystemRef> visible(List<InformationSystem> linked, Set<AgencyId> scope) {
        return linked.stream().filter(l -> systems.findInScope(l.id(), scope).isPresent()).map(SystemRef::of).toList();
    }

    int softwareCount(UUID id) {
        return jdbc.sql("SELECT count(*) FROM software_item WHERE system_id = :id").param("id", id)
                .query(Integer.class).single();
    }

    public Page search(SystemSearch search, CurrentUser user) {
        Set<AgencyId> scope = readScope(user);
        if (scope.isEmpty()) return new Page(List.of(), null);
        StringBuilder sql = new StringBuilder("""
                SELECT s.id, s.code, s.name, s.system_type, s.lifecycle, s.go_live_date, s.approved_level, s.demo,
                       s.version, o.id AS owner_id, o.code AS owner_code, o.name_vi AS owner_name,
                       p.id AS operator_id, p.code AS operator_code, p.name_vi AS operator_name,
                       (SELECT count(*) FROM software_item i WHERE i.system_id = s.id) AS software_items
                FROM information_system s JOIN agency o ON o.id = s.owner_id JOIN agency p ON p.id = s.operator_id
                WHERE """).append(Systems.IN_SCOPE);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("scopeRoots", Systems.roots(scope));
        if (search.q() != null) {
            String escaped = search.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            sql.append(" AND (upper(s.code) LIKE :qPrefix OR lower(s.name) LIKE :qContains)");
            params.put("qPrefix", escaped.toUpperCase(Locale.ROOT) + "%");
            params.put("qContains", "%" + escaped.toLowerCase(Locale.ROOT) + "%");
        }
        if (search.ownerId() != null) {
            sql.append(" AND o.path LIKE (SELECT f.path FROM agency f WHERE f.id = :ownerRoot) || '%'");
            params.put("ownerRoot", search.ownerId());
        }
        if (search.lifecycle() != null) {
            sql.append(" AND s.lifecycle = :lifecycle");
            params.put("lifecycle", search.lifecycle().name());
        }
        if (search.level() != null) {
            sql.append(" AND s.approved_level = :level");
            params.put("level", search.level());
        } else if (search.unapproved()) {
            sql.append(" AND s.approved_level IS NULL");
        }
        if (search.after() != null) {
            sql.append(" AND upper(s.code) > :after");
            params.put("after", SystemSearch.decode(search.after()));
        }
        sql.append(" ORDER BY upper(s.code) LIMIT :limit");
        params.put("limit", search.limit() + 1);
        List<Item> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query((rs, i) -> new Item(
                rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
                new AgencyRef(rs.getObject("owner_id", UUID.class), rs.getString("owner_code"), rs.getString("owner_name")),
                new AgencyRef(rs.getObject("operator_id", UUID.class), rs.getString("operator_code"),
                        rs.getString("operator_name")),
                vn.attthub.regime.SystemType.valueOf(rs.getString("system_type")),
                Lifecycle.valueOf(rs.getString("lifecycle")), rs.getObject("go_live_date", java.time.LocalDate.class),
                rs.getObject("approved_level", Integer.class), rs.getInt("software_items"), rs.getBoolean("demo"),
                rs.getInt("version"))).list());
        String next = null;
        if (rows.size() > search.limit()) {
            rows = rows.subList(0, search.limit());
            next = SystemSearch.encode(rows.get(rows.size() - 1).code().toUpperCase(Locale.ROOT));
        }
        return new Page(List.copyOf(rows), next);
    }
}
