package vn.attthub.organisation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What callers may read of the registry, always limited to their AGENCY_READ scope inside the SQL. */
@Component
public class AgencyQueries {
    private final JdbcClient jdbc;
    private final Agencies agencies;
    private final AgencySnapshots snapshots;

    AgencyQueries(JdbcClient jdbc, Agencies agencies, AgencySnapshots snapshots) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.snapshots = snapshots;
    }

    /** An agency with its parent's code and its mergers as JSON arrays: one indexed query. */
    public record Detail(Agency agency, String parentCode, String parentName, String predecessorsJson,
                         String successorsJson) {
    }

    static Set<AgencyId> readScope(CurrentUser user) {
        return user.scopeOf(Permission.AGENCY_READ);
    }

    public Agency get(UUID id, CurrentUser user) {
        return agencies.findInScope(id, readScope(user)).orElseThrow(() -> new NotFoundException("agency", id));
    }

    public Detail detail(UUID id, CurrentUser user) {
        Set<AgencyId> scope = readScope(user);
        if (scope.isEmpty()) throw new NotFoundException("agency", id);
        return jdbc.sql("SELECT " + Agencies.COLUMNS + """
                        , p.code AS parent_code, p.name_vi AS parent_name,
                          (SELECT coalesce(json_agg(json_build_object('id', x.id, 'code', x.code, 'name', x.name_vi,
                                  'effectiveOn', s.effective_on, 'legalBasis', s.legal_basis) ORDER BY x.code), '[]')
                             FROM agency_succession s JOIN agency x ON x.id = s.predecessor_id
                            WHERE s.successor_id = a.id) AS predecessors,
                          (SELECT coalesce(json_agg(json_build_object('id', x.id, 'code', x.code, 'name', x.name_vi,
                                  'effectiveOn', s.effective_on, 'legalBasis', s.legal_basis) ORDER BY x.code), '[]')
                             FROM agency_succession s JOIN agency x ON x.id = s.successor_id
                            WHERE s.predecessor_id = a.id) AS successors
                        FROM agency a LEFT JOIN agency p ON p.id = a.parent_id
                        WHERE a.id = :id""")
                .param("id", id)
                .query((rs, i) -> new Detail(Agencies.map(rs, i), rs.getString("parent_code"),
                        rs.getString("parent_name"), rs.getString("predecessors"), rs.getString("successors")))
                .optional()
                .filter(d -> AgencyTree.pathWithin(d.agency().path(), scope))
                .orElseThrow(() -> new NotFoundException("agency", id));
    }

    public List<AgencyLink> predecessors(UUID id) {
        return links("s.successor_id = :id", "s.predecessor_id", id);
    }

    public List<AgencyLink> successors(UUID id) {
        return links("s.predecessor_id = :id", "s.successor_id", id);
    }

    private List<AgencyLink> links(String where, String other, UUID id) {
        return jdbc.sql("SELECT x.id, x.code, x.name_vi, s.effective_on, s.legal_basis FROM agency_succession s "
                        + "JOIN agency x ON x.id = " + other + " WHERE " + where + " ORDER BY x.code")
                .param("id", id)
                .query((rs, i) -> new AgencyLink(rs.getObject("id", UUID.class), rs.getString("code"),
                        rs.getString("name_vi"), rs.getObject("effective_on", LocalDate.class),
                        rs.getString("legal_basis")))
                .list();
    }

    /** Ancestors visible to the caller, root first (for breadcrumbs). */
    public List<Agency> ancestors(Agency agency, CurrentUser user) {
        Set<AgencyId> scope = readScope(user);
        return agencies.ancestors(agency).stream()
                .filter(a -> scope.stream().anyMatch(r -> a.path().contains("/" + r.value() + "/"))).toList();
    }

    /** The top agencies of the caller's scope (where tree browsing starts). */
    public List<Agency> scopeRoots(CurrentUser user) {
        Set<AgencyId> scope = readScope(user);
        if (scope.isEmpty()) return List.of();
        List<Agency> roots = jdbc.sql("SELECT " + Agencies.COLUMNS + " FROM agency a WHERE a.id = ANY(:scopeRoots) "
                        + "ORDER BY a.depth, a.name_vi")
                .param("scopeRoots", Agencies.roots(scope)).query(Agencies::map).list();
        // a root inside another root's subtree is not a top
        return roots.stream().filter(r -> roots.stream().noneMatch(o -> o != r && !o.id().equals(r.id())
                && r.path().startsWith(o.path()))).toList();
    }

    /** Answered from the in-memory index of the current registry revision (AgencySearchIndex). */
    public AgencyPage search(AgencySearch search, CurrentUser user) {
        Set<AgencyId> scope = readScope(user);
        if (scope.isEmpty()) return new AgencyPage(List.of(), null);
        return snapshots.current().index().search(search, scope);
    }

    /** Direct children of a visible agency (404 when the agency is not visible). */
    public AgencyPage children(UUID id, AgencySearch search, CurrentUser user) {
        get(id, user);
        return search(new AgencySearch(search.q(), search.kind(), id, search.asOf(), search.after(), search.limit()),
                user);
    }

    /** Children of an agency for tree browsing, by name. */
    public List<Agency> childrenByName(UUID id, LocalDate asOf, CurrentUser user) {
        Set<AgencyId> scope = readScope(user);
        if (scope.isEmpty()) return List.of();
        String validity = asOf == null ? "" : " AND a.valid_from <= :asOf AND (a.valid_to IS NULL OR a.valid_to >= :asOf)";
        var spec = new java.util.HashMap<String, Object>();
        spec.put("id", id);
        spec.put("scopeRoots", Agencies.roots(scope));
        if (asOf != null) spec.put("asOf", asOf);
        return jdbc.sql("SELECT " + Agencies.COLUMNS + " FROM agency a WHERE a.parent_id = :id AND " + Agencies.IN_SCOPE
                        + validity + " ORDER BY a.name_vi LIMIT 2000")
                .params(spec).query(Agencies::map).list();
    }

    public Optional<Agency> findByCode(String code, CurrentUser user) {
        return agencies.findByCodeInScope(code, readScope(user));
    }

    /** A row of the import/export format. */
    public record ExportRow(String code, String name, String nameEn, String kind, String parentCode, String address,
                            LocalDate validFrom, LocalDate validTo) {
    }

    /** Every visible agency (optionally one subtree), parents before children so the file can be imported again. */
    public List<ExportRow> export(UUID rootId, CurrentUser user) {
        Set<AgencyId> scope = readScope(user);
        if (scope.isEmpty()) return List.of();
        String subtree = "";
        var spec = new java.util.HashMap<String, Object>();
        spec.put("scopeRoots", Agencies.roots(scope));
        if (rootId != null) {
            Agency root = get(rootId, user);
            subtree = " AND a.path LIKE :rootPath";
            spec.put("rootPath", root.path() + "%");
        }
        return jdbc.sql("SELECT a.code, a.name_vi, a.name_en, a.kind, p.code AS parent_code, a.address, a.valid_from, "
                        + "a.valid_to FROM agency a LEFT JOIN agency p ON p.id = a.parent_id WHERE " + Agencies.IN_SCOPE
                        + subtree + " ORDER BY a.path LIMIT 200000")
                .params(spec)
                .query((rs, i) -> new ExportRow(rs.getString("code"), rs.getString("name_vi"), rs.getString("name_en"),
                        rs.getString("kind"), rs.getString("parent_code"), rs.getString("address"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)))
                .list();
    }
}
