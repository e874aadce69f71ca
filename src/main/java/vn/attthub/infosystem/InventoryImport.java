package vn.attthub.infosystem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.NotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Imports a software inventory from a CycloneDX JSON SBOM, a CSV or an XLSX file. A dry run reports every row's
 * errors and the items that would be stored, and saves nothing; an import with any error saves nothing either. The
 * pages keep a checked dry run as a staged import (one day) so that the user confirms what they previewed.
 */
@Component
public class InventoryImport {
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final SoftwareInventory inventory;
    private final SystemRegistry registry;

    InventoryImport(JdbcClient jdbc, SoftwareInventory inventory, SystemRegistry registry) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.registry = registry;
    }

    /** An error of one row: {@code row} is the line number or JSON path, or null for the whole file. */
    public record RowError(String row, String field, String message) {
    }

    public record Report(String format, boolean dryRun, boolean saved, int rowsRead, List<SoftwareItem> items,
                         List<RowError> errors, UUID stagedId) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Checks a file against a system the caller may manage and, unless {@code dryRun}, replaces the inventory with
     * it when it has no error. {@code expectedVersion} (the inventory version) is checked when given.
     */
    @Transactional
    public Report run(UUID systemId, byte[] content, boolean dryRun, Integer expectedVersion, CurrentUser user) {
        InformationSystem system = registry.manageable(systemId, user);
        if (expectedVersion != null && expectedVersion != system.inventoryVersion()) {
            throw ConflictException.staleVersion();
        }
        Report checked = check(content, dryRun);
        if (!checked.valid() || dryRun) return checked;
        inventory.store(system, checked.items(), "import:" + checked.format(), user);
        return new Report(checked.format(), false, true, checked.rowsRead(), checked.items(), List.of(), null);
    }

    static Report check(byte[] content, boolean dryRun) {
        if (content == null || content.length == 0) {
            return failed(null, dryRun, "Tệp rỗng (the file is empty).");
        }
        if (content.length > MAX_BYTES) {
            return failed(null, dryRun, "Tệp vượt quá giới hạn 10 MB (file larger than 10 MB).");
        }
        InventoryFiles.Read read;
        try {
            read = InventoryFiles.read(content, SoftwareInventory.MAX_ITEMS);
        } catch (InventoryFiles.Unreadable e) {
            return failed(null, dryRun, e.getMessage());
        }
        List<RowError> errors = new ArrayList<>();
        List<SoftwareItem> items = new ArrayList<>();
        for (InventoryFiles.Located located : read.entries()) {
            if (located.entry() == null) {
                errors.add(new RowError(located.row(), null, "Thành phần phải là một đối tượng JSON (not an object)."));
                continue;
            }
            var result = SoftwareNames.parse(located.entry());
            if (result.ok()) {
                items.add(result.item());
            } else {
                for (String[] e : result.errors()) errors.add(new RowError(located.row(), e[0], e[1]));
            }
        }
        return new Report(read.format().name(), dryRun, false, read.entries().size(),
                errors.isEmpty() ? items : List.of(), errors, null);
    }

    private static Report failed(String format, boolean dryRun, String message) {
        return new Report(format, dryRun, false, 0, List.of(), List.of(new RowError(null, "file", message)), null);
    }

    /** A dry run for the pages: when the file is clean, stages its items for {@link #confirm}. */
    @Transactional
    public Report stage(UUID systemId, byte[] content, CurrentUser user) {
        InformationSystem system = registry.manageable(systemId, user);
        Report report = check(content, true);
        if (!report.valid()) return report;
        jdbc.sql("DELETE FROM software_import WHERE created_at < now() - interval '1 day'").update();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO software_import (id, system_id, user_id, inventory_version, format, items)
                        VALUES (:id, :system, :user, :version, :format, CAST(:items AS jsonb))""")
                .param("id", id).param("system", system.id()).param("user", user.id().value())
                .param("version", system.inventoryVersion()).param("format", report.format())
                .param("items", JSON.writeValueAsString(report.items())).update();
        return new Report(report.format(), true, false, report.rowsRead(), report.items(), List.of(), id);
    }

    /** Stores a staged import of this user for this system; 412 when the inventory changed after the preview. */
    @Transactional
    public SoftwareInventory.Listing confirm(UUID systemId, UUID stagedId, CurrentUser user) {
        InformationSystem system = registry.manageable(systemId, user);
        record Staged(int version, String format, String items) {
        }
        Staged staged = jdbc.sql("SELECT inventory_version, format, items::text FROM software_import "
                        + "WHERE id = :id AND system_id = :system AND user_id = :user")
                .param("id", stagedId).param("system", systemId).param("user", user.id().value())
                .query((rs, i) -> new Staged(rs.getInt(1), rs.getString(2), rs.getString(3))).optional()
                .orElseThrow(() -> new NotFoundException("software-import", stagedId));
        if (staged.version() != system.inventoryVersion()) throw ConflictException.staleVersion();
        List<SoftwareItem> items = JSON.readValue(staged.items(), new TypeReference<List<SoftwareItem>>() {
        });
        jdbc.sql("DELETE FROM software_import WHERE id = :id").param("id", stagedId).update();
        return inventory.store(system, items, "import:" + staged.format(), user);
    }
}
