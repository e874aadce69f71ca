package vn.attthub.infosystem;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A system's software inventory, replaced as a whole (by the editor, the API or an import) and versioned apart from
 * the system's record so that editing one does not conflict with the other. Each replacement is audited with its
 * source and counts.
 */
@Component
public class SoftwareInventory {
    public static final int MAX_ITEMS = 20_000;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final SystemRegistry registry;
    private final SystemQueries queries;
    private final AuditLog audit;

    SoftwareInventory(JdbcClient jdbc, JdbcTemplate batch, SystemRegistry registry, SystemQueries queries,
                      AuditLog audit) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.registry = registry;
        this.queries = queries;
        this.audit = audit;
    }

    public record Listing(InformationSystem system, List<SoftwareItem> items) {
    }

    /** The inventory of a system the caller can read (404 otherwise), in the order it was given. */
    public Listing of(UUID systemId, CurrentUser user) {
        InformationSystem system = queries.get(systemId, user);
        return new Listing(system, items(systemId));
    }

    List<SoftwareItem> items(UUID systemId) {
        return jdbc.sql("""
                        SELECT vendor, product, version, cpe, purl, cpe_part, cpe_vendor, cpe_product, cpe_version,
                               purl_type, purl_namespace, purl_name, purl_version
                        FROM software_item WHERE system_id = :id ORDER BY position""")
                .param("id", systemId).query(SoftwareInventory::map).list();
    }

    static SoftwareItem map(ResultSet rs, int i) throws SQLException {
        return new SoftwareItem(rs.getString("vendor"), rs.getString("product"), rs.getString("version"),
                rs.getString("cpe"), rs.getString("purl"), rs.getString("cpe_part"), rs.getString("cpe_vendor"),
                rs.getString("cpe_product"), rs.getString("cpe_version"), rs.getString("purl_type"),
                rs.getString("purl_namespace"), rs.getString("purl_name"), rs.getString("purl_version"));
    }

    /** Checks every entry; errors name the entry as {@code <prefix>[i].field}. */
    static List<SoftwareItem> check(List<SoftwareItem.Entry> entries, String prefix, List<FieldError> errors) {
        List<SoftwareItem> items = new ArrayList<>();
        if (entries.size() > MAX_ITEMS) {
            errors.add(new FieldError(prefix, "Tối đa " + MAX_ITEMS + " thành phần phần mềm cho một hệ thống "
                    + "(at most " + MAX_ITEMS + " items)."));
            return items;
        }
        for (int i = 0; i < entries.size(); i++) {
            SoftwareItem.Entry e = entries.get(i);
            if (e == null) {
                errors.add(new FieldError(prefix + "[" + i + "]", "Dòng trống (empty entry)."));
                continue;
            }
            var result = SoftwareNames.parse(e);
            if (result.ok()) {
                items.add(result.item());
            } else {
                for (String[] err : result.errors()) errors.add(new FieldError(prefix + "[" + i + "]." + err[0], err[1]));
            }
        }
        return items;
    }

    /**
     * Replaces the inventory of a system the caller may manage. A stale {@code expectedVersion} (the inventory's
     * version) is a 412; any invalid entry rejects the whole list (400 with {@code items[i].field} paths).
     */
    @Transactional
    public Listing replace(UUID systemId, List<SoftwareItem.Entry> entries, int expectedVersion, String source,
                           CurrentUser user) {
        InformationSystem system = registry.manageable(systemId, user);
        if (system.inventoryVersion() != expectedVersion) throw ConflictException.staleVersion();
        List<FieldError> errors = new ArrayList<>();
        List<SoftwareItem> items = check(entries == null ? List.of() : entries, "items", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Danh mục phần mềm có " + errors.size() + " lỗi; không có gì được lưu "
                    + "(the inventory has errors; nothing saved).", errors);
        }
        return store(system, items, source, user);
    }

    /** Stores already checked items (used by the import once its dry run found no error). */
    @Transactional
    Listing store(InformationSystem system, List<SoftwareItem> items, String source, CurrentUser user) {
        int before = jdbc.sql("SELECT count(*) FROM software_item WHERE system_id = :id").param("id", system.id())
                .query(Integer.class).single();
        int updated = jdbc.sql("UPDATE information_system SET inventory_version = inventory_version + 1, "
                        + "updated_at = now() WHERE id = :id AND inventory_version = :expected")
                .param("id", system.id()).param("expected", system.inventoryVersion()).update();
        if (updated != 1) throw ConflictException.staleVersion();
        jdbc.sql("DELETE FROM software_item WHERE system_id = :id").param("id", system.id()).update();
        insert(system.id(), items);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", system.code());
        details.put("source", source);
        details.put("items", AuditEntry.change(before, items.size()));
        AuditEntry entry = AuditEntry.success("information-system.inventory-replaced", "information-system",
                system.id(), system.ownerId(), details);
        if (user == null) audit.recordFor(null, "system", entry); else audit.record(entry);
        return new Listing(registry.manageableOrAny(system.id(), user), items(system.id()));
    }

    private void insert(UUID systemId, List<SoftwareItem> items) {
        List<Object[]> rows = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            SoftwareItem s = items.get(i);
            rows.add(new Object[]{systemId, i, s.vendor(), s.product(), s.version(), s.cpe(), s.cpePart(),
                    s.cpeVendor(), s.cpeProduct(), s.cpeVersion(), s.purl(), s.purlType(), s.purlNamespace(),
                    s.purlName(), s.purlVersion()});
        }
        batch.batchUpdate("""
                INSERT INTO software_item (system_id, position, vendor, product, version, cpe, cpe_part, cpe_vendor,
                    cpe_product, cpe_version, purl, purl_type, purl_namespace, purl_name, purl_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }
}
