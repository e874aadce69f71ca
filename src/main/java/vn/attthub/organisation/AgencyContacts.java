package vn.attthub.organisation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException.FieldError;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Head, security focal point and 24/7 incident-response contact of an agency. A change closes the current row and
 * opens a new one, so the history shows who was the contact when, and who recorded the change and when: changes must
 * be notified within 24 hours (Circular 20/2017/TT-BTTTT Art 6.1.b).
 */
@Component
public class AgencyContacts {
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Pattern PHONE = Pattern.compile("[0-9+() .-]{6,40}");
    private final JdbcClient jdbc;
    private final AgencyRegistry registry;
    private final AuditLog audit;

    AgencyContacts(JdbcClient jdbc, AgencyRegistry registry, AuditLog audit) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.audit = audit;
    }

    public record Change(String fullName, String position, String phone, String email) {
    }

    public List<AgencyContact> of(UUID agencyId, boolean history) {
        return jdbc.sql("SELECT id, kind, full_name, position, phone, email, valid_from, valid_to, recorded_by, "
                        + "recorded_by_name FROM agency_contact WHERE agency_id = :id"
                        + (history ? "" : " AND valid_to IS NULL") + " ORDER BY kind, valid_from DESC")
                .param("id", agencyId)
                .query((rs, i) -> new AgencyContact(rs.getObject("id", UUID.class),
                        ContactKind.valueOf(rs.getString("kind")), rs.getString("full_name"), rs.getString("position"),
                        rs.getString("phone"), rs.getString("email"), rs.getTimestamp("valid_from").toInstant(),
                        rs.getTimestamp("valid_to") == null ? null : rs.getTimestamp("valid_to").toInstant(),
                        rs.getObject("recorded_by", UUID.class), rs.getString("recorded_by_name")))
                .list();
    }

    /** The current contacts ({@link #of} without history) of several agencies in one query. */
    public Map<UUID, List<AgencyContact>> current(Collection<UUID> agencyIds) {
        Map<UUID, List<AgencyContact>> out = new HashMap<>();
        if (agencyIds.isEmpty()) return out;
        jdbc.sql("SELECT agency_id, id, kind, full_name, position, phone, email, valid_from, valid_to, recorded_by, "
                        + "recorded_by_name FROM agency_contact WHERE agency_id = ANY(:ids) AND valid_to IS NULL "
                        + "ORDER BY agency_id, kind, valid_from DESC")
                .param("ids", agencyIds.stream().distinct().toArray(UUID[]::new))
                .query(rs -> {
                    out.computeIfAbsent(rs.getObject("agency_id", UUID.class), k -> new ArrayList<>())
                            .add(new AgencyContact(rs.getObject("id", UUID.class),
                                    ContactKind.valueOf(rs.getString("kind")), rs.getString("full_name"),
                                    rs.getString("position"), rs.getString("phone"), rs.getString("email"),
                                    rs.getTimestamp("valid_from").toInstant(),
                                    rs.getTimestamp("valid_to") == null ? null : rs.getTimestamp("valid_to").toInstant(),
                                    rs.getObject("recorded_by", UUID.class), rs.getString("recorded_by_name")));
                });
        return out;
    }

    @Transactional
    public AgencyContact change(UUID agencyId, ContactKind kind, Change change, CurrentUser user) {
        Agency agency = registry.manageable(agencyId, user);
        return record(agency, kind, change, user == null ? null : user.id().value(),
                user == null ? "system" : user.username(), user == null);
    }

    AgencyContact record(Agency agency, ContactKind kind, Change change, UUID recordedBy, String recordedByName,
                         boolean system) {
        List<FieldError> errors = new ArrayList<>();
        if (change.fullName() == null || change.fullName().isBlank()) {
            errors.add(new FieldError("fullName", "Họ và tên là bắt buộc (fullName is required)."));
        } else if (change.fullName().length() > 200) {
            errors.add(new FieldError("fullName", "Họ và tên quá dài (at most 200 characters)."));
        }
        String email = AgencyDraft.trimToNull(change.email());
        String phone = AgencyDraft.trimToNull(change.phone());
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError("email", "Địa chỉ thư điện tử không hợp lệ (invalid email)."));
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add(new FieldError("phone", "Số điện thoại không hợp lệ (invalid phone)."));
        }
        if (kind == ContactKind.IR_CONTACT_24X7 && phone == null) {
            errors.add(new FieldError("phone", "Đầu mối 24/7 phải có số điện thoại (a 24/7 contact needs a phone)."));
        }
        AgencyRegistry.throwIfAny(errors);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Optional<AgencyContact> before = of(agency.id(), false).stream().filter(c -> c.kind() == kind).findFirst();
        jdbc.sql("UPDATE agency_contact SET valid_to = :now WHERE agency_id = :agency AND kind = :kind AND valid_to IS NULL")
                .param("now", Timestamp.from(now)).param("agency", agency.id()).param("kind", kind.name()).update();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO agency_contact (id, agency_id, kind, full_name, position, phone, email, valid_from,
                                                    recorded_by, recorded_by_name)
                        VALUES (:id, :agency, :kind, :name, :position, :phone, :email, :now, :by, :byName)""")
                .param("id", id).param("agency", agency.id()).param("kind", kind.name())
                .param("name", change.fullName().strip())
                .param("position", AgencyDraft.trimToNull(change.position()), java.sql.Types.VARCHAR)
                .param("phone", phone, java.sql.Types.VARCHAR).param("email", email, java.sql.Types.VARCHAR)
                .param("now", Timestamp.from(now)).param("by", recordedBy, java.sql.Types.OTHER)
                .param("byName", recordedByName).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", kind.name());
        details.put("fullName", AuditEntry.change(before.map(AgencyContact::fullName).orElse(null),
                change.fullName().strip()));
        details.put("phone", AuditEntry.change(before.map(AgencyContact::phone).orElse(null), phone));
        details.put("email", AuditEntry.change(before.map(AgencyContact::email).orElse(null), email));
        AuditEntry entry = AuditEntry.success("agency-contact.changed", "agency-contact", id, agency.agencyId(), details);
        if (system) audit.recordFor(null, "system", entry); else audit.record(entry);
        return of(agency.id(), false).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
