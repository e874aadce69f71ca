package vn.attthub.infosystem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import vn.attthub.regime.ConstructionGrade;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.InfrastructureScope;
import vn.attthub.regime.NationalSecurityImpact;
import vn.attthub.regime.SystemType;
import vn.attthub.shared.AgencyId;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Information-system rows in PostgreSQL. Reads for a caller are limited to their scope in the SQL itself. */
@Component
class Systems {
    static final String COLUMNS = """
            s.id, s.code, s.name, s.description, s.owner_id, s.operator_id, s.system_type, s.information_types,
            s.online_public_service_level, s.conditional_business_line, s.personal_data_subjects,
            s.infrastructure_scope, s.operates_24x7, s.national_e_government, s.construction_grade,
            s.national_security_work, s.defence_or_security_system, s.national_security_impact,
            s.national_critical_data_store, s.prime_minister_designated, s.lifecycle, s.go_live_date, s.hosting,
            s.hosting_provider_id, s.hosting_provider_name, s.approved_level, s.approved_dossier_id, s.approved_at,
            s.demo, s.version, s.inventory_version""";

    /**
     * A system is in scope when its owner or its operator lies in one of the caller's subtrees (bind
     * {@code :scopeRoots} as a {@code uuid[]}): each side is an indexed prefix match on {@code agency.path} feeding
     * an index on {@code owner_id} / {@code operator_id}.
     */
    static final String IN_SCOPE = """
            (s.owner_id IN (SELECT scope_a.id FROM agency scope_a JOIN agency scope_root
                              ON scope_a.path LIKE scope_root.path || '%' WHERE scope_root.id = ANY(:scopeRoots))
             OR s.operator_id IN (SELECT scope_a.id FROM agency scope_a JOIN agency scope_root
                              ON scope_a.path LIKE scope_root.path || '%' WHERE scope_root.id = ANY(:scopeRoots)))""";

    private final JdbcClient jdbc;

    Systems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static SqlArrayValue roots(Collection<AgencyId> roots) {
        return new SqlArrayValue("uuid", roots.stream().map(AgencyId::value).toArray());
    }

    Optional<InformationSystem> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM information_system s WHERE s.id = :id").param("id", id)
                .query(Systems::map).optional();
    }

    /** A system and the approved levels of its components (Art 5.2, highest first) in one statement. */
    Optional<WithComponentLevels> findWithComponentLevels(UUID id) {
        return jdbc.sql(WITH_COMPONENT_LEVELS)
                .param("id", id)
                .query((rs, i) -> new WithComponentLevels(map(rs, i),
                        java.util.Arrays.stream((Object[]) rs.getArray("component_levels").getArray())
                                .map(level -> ((Number) level).intValue()).toList()))
                .optional();
    }

    record WithComponentLevels(InformationSystem system, List<Integer> componentLevels) {
    }

    Optional<InformationSystem> findForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM information_system s WHERE s.id = :id FOR UPDATE")
                .param("id", id).query(Systems::map).optional();
    }

    Optional<InformationSystem> findInScope(UUID id, Collection<AgencyId> scope) {
        if (scope.isEmpty()) return Optional.empty();
        return jdbc.sql("SELECT " + COLUMNS + " FROM information_system s WHERE s.id = :id AND " + IN_SCOPE)
                .param("id", id).param("scopeRoots", roots(scope)).query(Systems::map).optional();
    }

    Optional<UUID> idOfCode(String code) {
        return jdbc.sql("SELECT id FROM information_system WHERE upper(code) = upper(:code)").param("code", code)
                .query(UUID.class).optional();
    }

    List<InformationSystem> components(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM information_system_component c "
                        + "JOIN information_system s ON s.id = c.component_id WHERE c.system_id = :id "
                        + "ORDER BY upper(s.code)")
                .param("id", id).query(Systems::map).list();
    }

    List<InformationSystem> connections(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM information_system_connection c "
                        + "JOIN information_system s ON s.id = c.connected_id WHERE c.system_id = :id "
                        + "ORDER BY upper(s.code)")
                .param("id", id).query(Systems::map).list();
    }

    /** Systems that list this one as a component (the composites it belongs to). */
    List<InformationSystem> partOf(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM information_system_component c "
                        + "JOIN information_system s ON s.id = c.system_id WHERE c.component_id = :id "
                        + "ORDER BY upper(s.code)")
                .param("id", id).query(Systems::map).list();
    }

    /** Approved levels of a system's components, for Art 5.2 (composite level = max of components). */
    List<Integer> componentLevels(UUID id) {
        return jdbc.sql(COMPONENT_LEVELS.formatted(":id")).param("id", id).query(Integer.class).list();
    }

    /** The approved levels of the components of the system whose id is the placeholder, highest first. */
    private static final String COMPONENT_LEVELS = """
            SELECT cs.approved_level FROM information_system_component c
            JOIN information_system cs ON cs.id = c.component_id
            WHERE c.system_id = %s AND cs.approved_level IS NOT NULL ORDER BY cs.approved_level DESC""";

    /** The statement of {@link #findWithComponentLevels}, built once (each notice about a system runs it). */
    private static final String WITH_COMPONENT_LEVELS = "SELECT " + COLUMNS + ", ARRAY("
            + COMPONENT_LEVELS.formatted("s.id") + ") AS component_levels FROM information_system s WHERE s.id = :id";

    List<String> domains(UUID id) {
        return jdbc.sql("SELECT domain FROM information_system_domain WHERE system_id = :id ORDER BY domain")
                .param("id", id).query(String.class).list();
    }

    List<String> ipRanges(UUID id) {
        return jdbc.sql("SELECT ip_range::text FROM information_system_ip_range WHERE system_id = :id "
                        + "ORDER BY ip_range")
                .param("id", id).query(String.class).list();
    }

    /** True when {@code candidate} already contains {@code system}, directly or through its components. */
    boolean containsTransitively(UUID candidate, UUID system) {
        return jdbc.sql("""
                        WITH RECURSIVE parts(id) AS (
                            SELECT component_id FROM information_system_component WHERE system_id = :candidate
                            UNION
                            SELECT c.component_id FROM information_system_component c JOIN parts p ON c.system_id = p.id)
                        SELECT EXISTS (SELECT 1 FROM parts WHERE id = :system)""")
                .param("candidate", candidate).param("system", system).query(Boolean.class).single();
    }

    boolean codeTaken(String code, UUID except) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM information_system WHERE upper(code) = upper(:code) "
                        + "AND (CAST(:except AS uuid) IS NULL OR id <> :except))")
                .param("code", code).param("except", except, java.sql.Types.OTHER).query(Boolean.class).single();
    }

    void insert(InformationSystem s) {
        jdbc.sql("""
                        INSERT INTO information_system (id, code, name, description, owner_id, operator_id, system_type,
                            information_types, online_public_service_level, conditional_business_line,
                            personal_data_subjects, infrastructure_scope, operates_24x7, national_e_government,
                            construction_grade, national_security_work, defence_or_security_system,
                            national_security_impact, national_critical_data_store, prime_minister_designated,
                            lifecycle, go_live_date, hosting, hosting_provider_id, hosting_provider_name, demo)
                        VALUES (:id, :code, :name, :description, :owner, :operator, :type, :infoTypes, :opsl, :cbl,
                            :pds, :scope, :h24, :egov, :grade, :nsw, :dos, :nsi, :ncds, :pmd, :lifecycle, :goLive,
                            :hosting, :providerId, :providerName, :demo)""")
                .paramSource(params(s)).update();
    }

    /** Updates the editable fields when the version still matches; false when someone changed it meanwhile. */
    boolean update(InformationSystem s, int expectedVersion) {
        var p = params(s);
        p.addValue("expected", expectedVersion);
        return jdbc.sql("""
                        UPDATE information_system SET code = :code, name = :name, description = :description,
                            owner_id = :owner, operator_id = :operator, system_type = :type,
                            information_types = :infoTypes, online_public_service_level = :opsl,
                            conditional_business_line = :cbl, personal_data_subjects = :pds,
                            infrastructure_scope = :scope, operates_24x7 = :h24, national_e_government = :egov,
                            construction_grade = :grade, national_security_work = :nsw,
                            defence_or_security_system = :dos, national_security_impact = :nsi,
                            national_critical_data_store = :ncds, prime_minister_designated = :pmd,
                            lifecycle = :lifecycle, go_live_date = :goLive, hosting = :hosting,
                            hosting_provider_id = :providerId, hosting_provider_name = :providerName,
                            version = version + 1, updated_at = now()
                        WHERE id = :id AND version = :expected""")
                .paramSource(p).update() == 1;
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(InformationSystem s) {
        LevelCriteria c = s.criteria();
        var p = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource();
        p.addValue("id", s.id()).addValue("code", s.code()).addValue("name", s.name())
                .addValue("description", s.description())
                .addValue("owner", s.ownerId().value()).addValue("operator", s.operatorId().value())
                .addValue("type", s.systemType().name())
                .addValue("infoTypes", new SqlArrayValue("varchar", s.informationTypes().stream().sorted()
                        .map(Enum::name).toArray()))
                .addValue("opsl", c.onlinePublicServiceLevel(), java.sql.Types.SMALLINT)
                .addValue("cbl", c.conditionalBusinessLine(), java.sql.Types.BOOLEAN)
                .addValue("pds", c.personalDataSubjects(), java.sql.Types.INTEGER)
                .addValue("scope", name(c.infrastructureScope()), java.sql.Types.VARCHAR)
                .addValue("h24", c.operates24x7(), java.sql.Types.BOOLEAN)
                .addValue("egov", c.nationalEGovernment(), java.sql.Types.BOOLEAN)
                .addValue("grade", name(c.constructionGrade()), java.sql.Types.VARCHAR)
                .addValue("nsw", c.nationalSecurityWork(), java.sql.Types.BOOLEAN)
                .addValue("dos", c.defenceOrSecuritySystem(), java.sql.Types.BOOLEAN)
                .addValue("nsi", name(c.nationalSecurityImpact()), java.sql.Types.VARCHAR)
                .addValue("ncds", c.nationalCriticalDataStore(), java.sql.Types.BOOLEAN)
                .addValue("pmd", c.primeMinisterDesignated(), java.sql.Types.BOOLEAN)
                .addValue("lifecycle", s.lifecycle().name())
                .addValue("goLive", s.goLiveDate(), java.sql.Types.DATE)
                .addValue("hosting", s.hosting().name())
                .addValue("providerId", s.hostingProviderId() == null ? null : s.hostingProviderId().value(),
                        java.sql.Types.OTHER)
                .addValue("providerName", s.hostingProviderName(), java.sql.Types.VARCHAR)
                .addValue("demo", s.demo());
        return p;
    }

    /** Replaces components, connections, domains and IP ranges of a system. */
    void replaceLinks(UUID id, Collection<UUID> components, Collection<UUID> connections, Collection<String> domains,
                      Collection<String> ipRanges) {
        jdbc.sql("DELETE FROM information_system_component WHERE system_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM information_system_connection WHERE system_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM information_system_domain WHERE system_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM information_system_ip_range WHERE system_id = :id").param("id", id).update();
        for (UUID c : components) {
            jdbc.sql("INSERT INTO information_system_component (system_id, component_id) VALUES (:id, :c)")
                    .param("id", id).param("c", c).update();
        }
        for (UUID c : connections) {
            jdbc.sql("INSERT INTO information_system_connection (system_id, connected_id) VALUES (:id, :c)")
                    .param("id", id).param("c", c).update();
        }
        for (String d : domains) {
            jdbc.sql("INSERT INTO information_system_domain (system_id, domain) VALUES (:id, :d)")
                    .param("id", id).param("d", d).update();
        }
        for (String r : ipRanges) {
            jdbc.sql("INSERT INTO information_system_ip_range (system_id, ip_range) VALUES (:id, CAST(:r AS cidr))")
                    .param("id", id).param("r", r).update();
        }
    }

    void recordApproval(UUID id, int level, UUID dossierId, java.time.Instant approvedAt) {
        jdbc.sql("""
                        UPDATE information_system SET approved_level = :level, approved_dossier_id = :dossier,
                            approved_at = :at, version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .param("level", level).param("dossier", dossierId).param("at", Timestamp.from(approvedAt))
                .param("id", id).update();
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    static InformationSystem map(ResultSet rs, int row) throws SQLException {
        UUID provider = rs.getObject("hosting_provider_id", UUID.class);
        Timestamp approvedAt = rs.getTimestamp("approved_at");
        LevelCriteria criteria = new LevelCriteria(
                (Integer) rs.getObject("online_public_service_level", Integer.class),
                rs.getObject("conditional_business_line", Boolean.class),
                rs.getObject("personal_data_subjects", Integer.class),
                parse(InfrastructureScope.class, rs.getString("infrastructure_scope")),
                rs.getObject("operates_24x7", Boolean.class),
                rs.getObject("national_e_government", Boolean.class),
                parse(ConstructionGrade.class, rs.getString("construction_grade")),
                rs.getObject("national_security_work", Boolean.class),
                rs.getObject("defence_or_security_system", Boolean.class),
                parse(NationalSecurityImpact.class, rs.getString("national_security_impact")),
                rs.getObject("national_critical_data_store", Boolean.class),
                rs.getObject("prime_minister_designated", Boolean.class));
        return new InformationSystem(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
                rs.getString("description"), AgencyId.of(rs.getObject("owner_id", UUID.class)),
                AgencyId.of(rs.getObject("operator_id", UUID.class)), SystemType.valueOf(rs.getString("system_type")),
                informationTypes(rs.getArray("information_types")), criteria,
                Lifecycle.valueOf(rs.getString("lifecycle")), rs.getObject("go_live_date", LocalDate.class),
                Hosting.valueOf(rs.getString("hosting")), provider == null ? null : AgencyId.of(provider),
                rs.getString("hosting_provider_name"), rs.getObject("approved_level", Integer.class),
                rs.getObject("approved_dossier_id", UUID.class), approvedAt == null ? null : approvedAt.toInstant(),
                rs.getBoolean("demo"), rs.getInt("version"), rs.getInt("inventory_version"));
    }

    private static Set<InformationType> informationTypes(Array array) throws SQLException {
        Set<InformationType> types = EnumSet.noneOf(InformationType.class);
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) types.add(InformationType.valueOf((String) o));
        }
        return types;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }
}
