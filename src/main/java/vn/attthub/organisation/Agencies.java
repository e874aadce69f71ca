package vn.attthub.organisation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import vn.attthub.shared.AgencyId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Agency rows in PostgreSQL. Every read a caller asks for is limited to their scope roots in the SQL itself. */
@Component
class Agencies {
    static final String COLUMNS = "a.id, a.code, a.name_vi, a.name_en, a.kind, a.parent_id, a.path, a.depth, a.address, "
            + "a.valid_from, a.valid_to, a.version, a.demo";
    static final String IN_SCOPE = AgencyTree.pathWithinRoots("a.path");

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    Agencies(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Inserts many agencies in JDBC batches (parents must come before their children). */
    void insertAll(List<Agency> rows) {
        batch.batchUpdate("""
                        INSERT INTO agency (id, code, name_vi, name_en, kind, parent_id, path, depth, address,
                                            valid_from, valid_to, demo)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)""", rows, 500, (ps, a) -> {
            ps.setObject(1, a.id());
            ps.setString(2, a.code());
            ps.setString(3, a.name());
            ps.setString(4, a.nameEn());
            ps.setString(5, a.kind().name());
            ps.setObject(6, a.parentId());
            ps.setString(7, a.path());
            ps.setInt(8, a.depth());
            ps.setString(9, a.address());
            ps.setObject(10, a.validFrom());
            ps.setObject(11, a.validTo(), java.sql.Types.DATE);
        });
    }

    /** Agencies by code (upper-cased keys), for checking a whole import file in one query. */
    java.util.Map<String, Agency> findByCodes(java.util.Collection<String> codes) {
        if (codes.isEmpty()) return java.util.Map.of();
        java.util.Map<String, Agency> found = new java.util.HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM agency a WHERE upper(a.code) = ANY(:codes)")
                .param("codes", new SqlArrayValue("text", codes.stream()
                        .map(c -> c.toUpperCase(java.util.Locale.ROOT)).toArray()))
                .query(Agencies::map).list()
                .forEach(a -> found.put(a.code().toUpperCase(java.util.Locale.ROOT), a));
        return found;
    }

    static SqlArrayValue roots(Collection<AgencyId> roots) {
        return new SqlArrayValue("uuid", roots.stream().map(AgencyId::value).toArray());
    }

    static Agency map(ResultSet rs, int row) throws SQLException {
        return new Agency(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name_vi"),
                rs.getString("name_en"), AgencyKind.valueOf(rs.getString("kind")), rs.getObject("parent_id", UUID.class),
                rs.getString("path"), rs.getInt("depth"), rs.getString("address"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                rs.getInt("version"), rs.getBoolean("demo"));
    }

    Optional<Agency> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agency a WHERE a.id = :id").param("id", id)
                .query(Agencies::map).optional();
    }

    Optional<Agency> findInScope(UUID id, Collection<AgencyId> scope) {
        if (id == null || scope.isEmpty()) return Optional.empty();
        return find(id).filter(a -> AgencyTree.pathWithin(a.path(), scope));
    }

    Optional<Agency> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agency a WHERE upper(a.code) = upper(:code)").param("code", code)
                .query(Agencies::map).optional();
    }

    Optional<Agency> findByCodeInScope(String code, Collection<AgencyId> scope) {
        if (scope.isEmpty()) return Optional.empty();
        return jdbc.sql("SELECT " + COLUMNS + " FROM agency a WHERE upper(a.code) = upper(:code) AND " + IN_SCOPE)
                .param("code", code).param("scopeRoots", roots(scope))
                .query(Agencies::map).optional();
    }

    boolean codeTaken(String code, UUID except) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM agency WHERE upper(code) = upper(:code) AND id <> :except)")
                .param("code", code).param("except", except == null ? new UUID(0, 0) : except)
                .query(Boolean.class).single();
    }

    /** Ancestors of an agency from the root down (excluding itself), by its path: one indexed query. */
    List<Agency> ancestors(Agency agency) {
        String[] parts = agency.path().substring(1).split("/");
        UUID[] ids = new UUID[Math.max(0, parts.length - 1)];
        for (int i = 0; i < ids.length; i++) ids[i] = UUID.fromString(parts[i]);
        if (ids.length == 0) return List.of();
        return jdbc.sql("SELECT " + COLUMNS + " FROM agency a WHERE a.id = ANY(:ids) ORDER BY a.depth")
                .param("ids", new SqlArrayValue("uuid", (Object[]) ids)).query(Agencies::map).list();
    }

    void insert(Agency a, boolean demo) {
        jdbc.sql("""
                        INSERT INTO agency (id, code, name_vi, name_en, kind, parent_id, path, depth, address,
                                            valid_from, valid_to, demo)
                        VALUES (:id, :code, :name, :nameEn, :kind, :parentId, :path, :depth, :address,
                                :validFrom, :validTo, :demo)""")
                .param("id", a.id()).param("code", a.code()).param("name", a.name()).param("nameEn", a.nameEn())
                .param("kind", a.kind().name()).param("parentId", a.parentId(), java.sql.Types.OTHER)
                .param("path", a.path()).param("depth", a.depth()).param("address", a.address())
                .param("validFrom", a.validFrom()).param("validTo", a.validTo(), java.sql.Types.DATE)
                .param("demo", demo).update();
    }

    /** Updates the plain fields if the version still matches; false when someone else changed it first. */
    boolean update(Agency a, int expectedVersion) {
        return jdbc.sql("""
                        UPDATE agency SET code = :code, name_vi = :name, name_en = :nameEn, kind = :kind,
                               address = :address, valid_from = :validFrom, valid_to = :validTo,
                               updated_at = now(), version = version + 1
                        WHERE id = :id AND version = :version""")
                .param("id", a.id()).param("code", a.code()).param("name", a.name()).param("nameEn", a.nameEn())
                .param("kind", a.kind().name()).param("address", a.address())
                .param("validFrom", a.validFrom()).param("validTo", a.validTo(), java.sql.Types.DATE)
                .param("version", expectedVersion).update() == 1;
    }

    /** Moves a whole subtree under a new parent: one UPDATE rewrites every descendant's path and depth. */
    int moveSubtree(Agency agency, Agency newParent) {
        String newPath = Agency.pathOf(newParent == null ? null : newParent.path(), agency.id());
        int newDepth = newParent == null ? 0 : newParent.depth() + 1;
        jdbc.sql("UPDATE agency SET parent_id = :parent WHERE id = :id")
                .param("parent", newParent == null ? null : newParent.id(), java.sql.Types.OTHER)
                .param("id", agency.id()).update();
        return jdbc.sql("""
                        UPDATE agency SET path = :newPath || substr(path, :oldLength + 1),
                               depth = depth + :delta, updated_at = now()
                        WHERE path LIKE :oldPath || '%'""")
                .param("newPath", newPath).param("oldLength", agency.path().length())
                .param("delta", newDepth - agency.depth()).param("oldPath", agency.path()).update();
    }

    /** A child that would start outside the given validity of its parent, if any (its code). */
    Optional<String> childStartingOutside(UUID parentId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT code FROM agency WHERE parent_id = :id AND (valid_from < :from OR valid_from > :to) "
                        + "ORDER BY valid_from LIMIT 1")
                .param("id", parentId).param("from", from)
                .param("to", to == null ? LocalDate.of(9999, 12, 31) : to)
                .query(String.class).optional();
    }

    void close(UUID id, LocalDate validTo) {
        jdbc.sql("UPDATE agency SET valid_to = :validTo, updated_at = now(), version = version + 1 WHERE id = :id")
                .param("validTo", validTo).param("id", id).update();
    }
}
