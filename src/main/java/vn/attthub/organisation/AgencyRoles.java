package vn.attthub.organisation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds which legal role on which date. Other modules ask {@link #holderOf} / {@link #holdersOf} (e.g. "who is
 * the national appraisal authority on 2025-06-01?") instead of naming agencies in code: since 01/03/2025 the national
 * roles once held by the Ministry of Information and Communications belong to the Ministry of Public Security. The
 * answers come from the in-memory {@link RegistrySnapshot} of the current registry revision, which every change of a
 * role bumps (V122).
 */
@Component
public class AgencyRoles {
    private static final String COLUMNS = "r.id, r.agency_id, r.role, r.for_agency_id, f.code AS for_code, "
            + "f.name_vi AS for_name, r.valid_from, r.valid_to, r.legal_basis";
    private final JdbcClient jdbc;
    private final Agencies agencies;
    private final AgencyRegistry registry;
    private final AuditLog audit;
    private final AgencySnapshots snapshots;

    AgencyRoles(JdbcClient jdbc, Agencies agencies, AgencyRegistry registry, AuditLog audit,
                AgencySnapshots snapshots) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.agencies = agencies;
        this.registry = registry;
        this.audit = audit;
    }

    static AgencyRole map(ResultSet rs, int i) throws SQLException {
        return new AgencyRole(rs.getObject("id", UUID.class), rs.getObject("agency_id", UUID.class),
                AgencyRoleKind.valueOf(rs.getString("role")), rs.getObject("for_agency_id", UUID.class),
                rs.getString("for_code"), rs.getString("for_name"), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class), rs.getString("legal_basis"));
    }

    /** The agency holding {@code role} for {@code forAgency} (null for national roles) on {@code date}. */
    public Optional<AgencySummary> holderOf(AgencyRoleKind role, AgencyId forAgency, LocalDate date) {
        return snapshots.current().holderOf(role, forAgency, date);
    }

    /** {@link RegistrySnapshot#nearestHolderFor} of the current registry. */
    public Optional<AgencySummary> nearestHolderFor(AgencyRoleKind role, AgencyId agency, LocalDate date) {
        return snapshots.current().nearestHolderFor(role, agency, date);
    }

    /** The serving holder for an agency and the national holder, as {@link RegistrySnapshot#holdersFor} finds them. */
    public record Holders(Optional<AgencySummary> serving, Optional<AgencySummary> national) {
    }

    /** Every agency holding {@code role} (for anyone) on {@code date}, by code. */
    public List<AgencySummary> holdersOf(AgencyRoleKind role, LocalDate date) {
        return snapshots.current().holdersOf(role, date);
    }

    /** Roles of an agency the caller can see, current and past. */
    public List<AgencyRole> of(UUID agencyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agency_role r LEFT JOIN agency f ON f.id = r.for_agency_id "
                        + "WHERE r.agency_id = :id ORDER BY r.valid_to IS NOT NULL, r.valid_from DESC, r.role")
                .param("id", agencyId).query(AgencyRoles::map).list();
    }

    public record Grant(String role, UUID forAgencyId, LocalDate validFrom, LocalDate validTo, String legalBasis) {
    }

    @Transactional
    public AgencyRole grant(UUID agencyId, Grant grant, CurrentUser user) {
        Agency agency = registry.manageable(agencyId, user);
        AgencyRole role = insert(agency, grant, user, false);
        return role;
    }

    AgencyRole insert(Agency agency, Grant grant, CurrentUser user, boolean system) {
        List<FieldError> errors = new ArrayList<>();
        AgencyRoleKind kind = null;
        if (grant.role() == null || grant.role().isBlank()) {
            errors.add(new FieldError("role", "Vai trò là bắt buộc (role is required)."));
        } else {
            try {
                kind = AgencyRoleKind.valueOf(grant.role().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("role", "invalid value '" + grant.role() + "'; expected one of "
                        + java.util.Arrays.toString(AgencyRoleKind.values())));
            }
        }
        if (grant.legalBasis() == null || grant.legalBasis().isBlank()) {
            errors.add(new FieldError("legalBasis", "Căn cứ pháp lý là bắt buộc, ví dụ \"Nghị định 85/2016/NĐ-CP "
                    + "Điều 3.5\" (legal basis is required)."));
        }
        LocalDate from = grant.validFrom() == null ? Dates.today() : grant.validFrom();
        if (grant.validTo() != null && grant.validTo().isBefore(from)) {
            errors.add(new FieldError("validTo", "Ngày kết thúc phải từ ngày bắt đầu trở đi (validTo before validFrom)."));
        }
        Agency forAgency = null;
        if (kind != null && (kind.servesAnother() || kind.mayServeAnother())) {
            if (grant.forAgencyId() == null) {
                if (kind.servesAnother()) {
                    errors.add(new FieldError("forAgencyId", "Vai trò " + kind + " phải nêu cơ quan được phục vụ "
                            + "(forAgencyId is required for this role)."));
                }
            } else {
                forAgency = (system ? agencies.find(grant.forAgencyId())
                        : agencies.findInScope(grant.forAgencyId(), AgencyQueries.readScope(user))).orElse(null);
                if (forAgency == null) {
                    errors.add(new FieldError("forAgencyId", "Không tìm thấy cơ quan (agency not found)."));
                }
            }
        } else if (kind != null && grant.forAgencyId() != null) {
            errors.add(new FieldError("forAgencyId", "Vai trò " + kind + " không phục vụ cơ quan khác "
                    + "(forAgencyId must be empty for this role)."));
        }
        AgencyRegistry.throwIfAny(errors);
        if (kind.singleHolder()) {
            String forClause = forAgency == null ? "for_agency_id IS NULL" : "for_agency_id = :forAgency";
            var overlap = jdbc.sql("SELECT a.code FROM agency_role r JOIN agency a ON a.id = r.agency_id "
                            + "WHERE r.role = :role AND r." + forClause + " AND r.valid_from <= :to "
                            + "AND (r.valid_to IS NULL OR r.valid_to >= :from) LIMIT 1")
                    .param("role", kind.name()).param("from", from)
                    .param("to", grant.validTo() == null ? LocalDate.of(9999, 12, 31) : grant.validTo());
            if (forAgency != null) overlap = overlap.param("forAgency", forAgency.id());
            Optional<String> holder = overlap.query(String.class).optional();
            if (holder.isPresent()) {
                throw new ConflictException("Vai trò " + kind + " đã do " + holder.get() + " nắm giữ trong khoảng "
                        + "thời gian này; hãy kết thúc vai trò đó trước (role already held in this period).");
            }
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, valid_to, legal_basis)
                        VALUES (:id, :agency, :role, :forAgency, :from, :to, :basis)""")
                .param("id", id).param("agency", agency.id()).param("role", kind.name())
                .param("forAgency", forAgency == null ? null : forAgency.id(), java.sql.Types.OTHER)
                .param("from", from).param("to", grant.validTo(), java.sql.Types.DATE)
                .param("basis", grant.legalBasis().strip()).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", kind.name());
        details.put("forAgency", forAgency == null ? null : forAgency.code());
        details.put("validFrom", from.toString());
        details.put("validTo", grant.validTo() == null ? null : grant.validTo().toString());
        details.put("legalBasis", grant.legalBasis().strip());
        AuditEntry entry = AuditEntry.success("agency-role.granted", "agency-role", id, agency.agencyId(), details);
        if (system) audit.recordFor(null, "system", entry); else audit.record(entry);
        return find(agency.id(), id).orElseThrow();
    }

    Optional<AgencyRole> find(UUID agencyId, UUID roleId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agency_role r LEFT JOIN agency f ON f.id = r.for_agency_id "
                        + "WHERE r.agency_id = :agency AND r.id = :id")
                .param("agency", agencyId).param("id", roleId).query(AgencyRoles::map).optional();
    }

    /** Ends a role on {@code validTo} (inclusive; today when not given). */
    @Transactional
    public AgencyRole end(UUID agencyId, UUID roleId, LocalDate validTo, CurrentUser user) {
        Agency agency = registry.manageable(agencyId, user);
        AgencyRole role = find(agencyId, roleId).orElseThrow(() -> new NotFoundException("agency-role", roleId));
        LocalDate end = validTo == null ? Dates.today() : validTo;
        if (end.isBefore(role.validFrom())) {
            throw InvalidInputException.field("validTo", "Ngày kết thúc phải từ ngày bắt đầu "
                    + Dates.display(role.validFrom()) + " trở đi (validTo before validFrom).");
        }
        if (role.validTo() != null && !role.validTo().isAfter(end)) {
            throw new ConflictException("Vai trò đã kết thúc ngày " + Dates.display(role.validTo())
                    + " (role already ended).");
        }
        jdbc.sql("UPDATE agency_role SET valid_to = :to WHERE id = :id").param("to", end).param("id", roleId).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", role.role().name());
        details.put("validTo", AuditEntry.change(role.validTo() == null ? null : role.validTo().toString(),
                end.toString()));
        audit.record(AuditEntry.success("agency-role.ended", "agency-role", roleId, agency.agencyId(), details));
        return find(agencyId, roleId).orElseThrow();
    }
}
