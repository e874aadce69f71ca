package vn.attthub.infosystem;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system register as an XLSX workbook with Vietnamese headers: every system in the caller's SYSTEM_READ scope
 * matching the list's filters, streamed row by row. Each export is audited (who took which part of the register).
 */
@Component
public class SystemExport {
    static final List<String> HEADERS = List.of("Mã hệ thống", "Tên hệ thống", "Chủ quản", "Mã chủ quản",
            "Đơn vị vận hành", "Mã đơn vị vận hành", "Loại hệ thống", "Loại thông tin", "Trạng thái",
            "Ngày đưa vào vận hành", "Hình thức triển khai", "Nhà cung cấp hạ tầng", "Cấp độ đã phê duyệt",
            "Ngày phê duyệt cấp độ", "Tên miền", "Dải IP công khai", "Số thành phần phần mềm", "Dữ liệu mẫu");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Map<String, String> TYPE = Map.of("INTERNAL_OPERATIONS", "Phục vụ hoạt động nội bộ",
            "CITIZEN_BUSINESS_SERVICE", "Phục vụ người dân, doanh nghiệp", "INFORMATION_INFRASTRUCTURE",
            "Cơ sở hạ tầng thông tin", "INDUSTRIAL_CONTROL", "Điều khiển công nghiệp", "OTHER", "Loại khác");
    private static final Map<String, String> INFO = Map.of("PUBLIC", "Công cộng", "PRIVATE", "Riêng",
            "PERSONAL", "Cá nhân", "STATE_SECRET", "Bí mật nhà nước");
    private static final Map<String, String> LIFECYCLE = Map.of("PLANNED", "Đang lập kế hoạch",
            "UNDER_CONSTRUCTION", "Đang xây dựng", "OPERATING", "Đang vận hành", "RETIRED", "Đã dừng hoạt động");
    private static final Map<String, String> HOSTING = Map.of("ON_PREMISES", "Tại chỗ", "DATA_CENTRE",
            "Trung tâm dữ liệu", "CLOUD", "Điện toán đám mây", "LEASED_SERVICE", "Thuê dịch vụ");
    private final JdbcClient jdbc;
    private final AuditLog audit;

    SystemExport(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = false)
    public byte[] xlsx(SystemSearch search, CurrentUser user) {
        Set<AgencyId> scope = SystemQueries.readScope(user);
        AtomicInteger count = new AtomicInteger();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            SXSSFSheet sheet = workbook.createSheet("Danh mục hệ thống");
            sheet.trackAllColumnsForAutoSizing();
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADERS.size(); c++) {
                header.createCell(c).setCellValue(HEADERS.get(c));
                header.getCell(c).setCellStyle(bold);
            }
            sheet.createFreezePane(0, 1);
            if (!scope.isEmpty()) rows(search, scope, sheet, count);
            for (int c = 0; c < 4; c++) sheet.autoSizeColumn(c);
            workbook.write(out);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("format", "xlsx");
            details.put("rows", count.get());
            details.put("q", search.q());
            details.put("ownerId", search.ownerId());
            details.put("lifecycle", search.lifecycle() == null ? null : search.lifecycle().name());
            audit.record(AuditEntry.success("information-system.exported", "information-system", null,
                    user.agency(), details));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rows(SystemSearch search, Set<AgencyId> scope, Sheet sheet, AtomicInteger count) {
        StringBuilder sql = new StringBuilder("""
                SELECT s.code, s.name, o.name_vi AS owner_name, o.code AS owner_code, p.name_vi AS operator_name,
                       p.code AS operator_code, s.system_type, array_to_string(s.information_types, ',') AS info,
                       s.lifecycle, s.go_live_date, s.hosting, coalesce(hp.name_vi, s.hosting_provider_name) AS provider,
                       s.approved_level, s.approved_at, s.demo,
                       (SELECT string_agg(d.domain, ', ' ORDER BY d.domain) FROM information_system_domain d
                         WHERE d.system_id = s.id) AS domains,
                       (SELECT string_agg(r.ip_range::text, ', ' ORDER BY r.ip_range) FROM information_system_ip_range r
                         WHERE r.system_id = s.id) AS ranges,
                       (SELECT count(*) FROM software_item i WHERE i.system_id = s.id) AS software
                FROM information_system s JOIN agency o ON o.id = s.owner_id JOIN agency p ON p.id = s.operator_id
                LEFT JOIN agency hp ON hp.id = s.hosting_provider_id
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
        sql.append(" ORDER BY upper(s.code)");
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            Row row = sheet.createRow(count.incrementAndGet());
            int c = 0;
            row.createCell(c++).setCellValue(rs.getString("code"));
            row.createCell(c++).setCellValue(rs.getString("name"));
            row.createCell(c++).setCellValue(rs.getString("owner_name"));
            row.createCell(c++).setCellValue(rs.getString("owner_code"));
            row.createCell(c++).setCellValue(rs.getString("operator_name"));
            row.createCell(c++).setCellValue(rs.getString("operator_code"));
            row.createCell(c++).setCellValue(TYPE.get(rs.getString("system_type")));
            String info = rs.getString("info");
            row.createCell(c++).setCellValue(info == null || info.isEmpty() ? "" : String.join(", ",
                    java.util.Arrays.stream(info.split(",")).map(i -> INFO.getOrDefault(i, i)).toList()));
            row.createCell(c++).setCellValue(LIFECYCLE.get(rs.getString("lifecycle")));
            Date goLive = rs.getDate("go_live_date");
            row.createCell(c++).setCellValue(goLive == null ? "" : DATE.format(goLive.toLocalDate()));
            row.createCell(c++).setCellValue(HOSTING.get(rs.getString("hosting")));
            row.createCell(c++).setCellValue(rs.getString("provider") == null ? "" : rs.getString("provider"));
            int level = rs.getInt("approved_level");
            if (rs.wasNull()) row.createCell(c++).setCellValue("Chưa phê duyệt");
            else row.createCell(c++).setCellValue(level);
            Timestamp approvedAt = rs.getTimestamp("approved_at");
            row.createCell(c++).setCellValue(approvedAt == null ? "" : DATE.format(approvedAt.toInstant()
                    .atZone(SystemRegistry.ZONE).toLocalDate()));
            row.createCell(c++).setCellValue(rs.getString("domains") == null ? "" : rs.getString("domains"));
            row.createCell(c++).setCellValue(rs.getString("ranges") == null ? "" : rs.getString("ranges"));
            row.createCell(c++).setCellValue(rs.getInt("software"));
            row.createCell(c).setCellValue(rs.getBoolean("demo") ? "Có" : "");
        });
    }
}
