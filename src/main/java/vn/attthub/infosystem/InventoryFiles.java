package vn.attthub.infosystem;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads software inventories from files: CycloneDX JSON SBOMs (1.2-1.7; the components tree, nested components
 * included) parsed with our own Jackson and checked for the minimal structure, and CSV or XLSX sheets with a header
 * row (vendor, product, version, cpe, purl; Vietnamese headers accepted). Each entry keeps where it came from (line
 * number or JSON path) so that errors point at it.
 */
final class InventoryFiles {
    static final Set<String> CYCLONEDX_VERSIONS = Set.of("1.2", "1.3", "1.4", "1.5", "1.6", "1.7");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("vendor", "vendor"), Map.entry("nha cung cap", "vendor"), Map.entry("hang", "vendor"),
            Map.entry("hang san xuat", "vendor"), Map.entry("publisher", "vendor"),
            Map.entry("product", "product"), Map.entry("san pham", "product"), Map.entry("ten san pham", "product"),
            Map.entry("name", "product"), Map.entry("ten", "product"),
            Map.entry("version", "version"), Map.entry("phien ban", "version"),
            Map.entry("cpe", "cpe"), Map.entry("cpe 2.3", "cpe"), Map.entry("cpe23", "cpe"),
            Map.entry("purl", "purl"), Map.entry("package url", "purl"));

    private InventoryFiles() {
    }

    enum Format { CYCLONEDX, CSV, XLSX }

    /** One entry read from a file, and where: a line number ("3") or a JSON path ("components[2]"). */
    record Located(String row, SoftwareItem.Entry entry) {
    }

    record Read(Format format, List<Located> entries) {
    }

    static class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    static Read read(byte[] content, int maxEntries) {
        if (content.length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
            return new Read(Format.XLSX, xlsx(content, maxEntries));
        }
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.indexOf('\0') >= 0) {
            throw new Unreadable("Tệp không phải CycloneDX JSON, CSV hay XLSX (unsupported file).");
        }
        String start = text.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) return new Read(Format.CYCLONEDX, cycloneDx(start, maxEntries));
        return new Read(Format.CSV, csv(text, maxEntries));
    }

    static List<Located> cycloneDx(String text, int maxEntries) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new Unreadable("Tệp JSON không hợp lệ ở dòng " + e.getLocation().getLineNr() + " "
                    + "(malformed JSON).");
        }
        if (root == null || !root.isObject()) {
            throw new Unreadable("SBOM CycloneDX phải là một đối tượng JSON (a CycloneDX BOM is a JSON object).");
        }
        JsonNode format = root.get("bomFormat");
        if (format == null || !format.isString() || !format.asString().equals("CycloneDX")) {
            throw new Unreadable("Thiếu \"bomFormat\": \"CycloneDX\"; chỉ nhận SBOM CycloneDX dạng JSON "
                    + "(not a CycloneDX JSON BOM).");
        }
        JsonNode spec = root.get("specVersion");
        if (spec == null || !spec.isString() || !CYCLONEDX_VERSIONS.contains(spec.asString())) {
            throw new Unreadable("\"specVersion\" phải là một phiên bản CycloneDX được hỗ trợ (1.2-1.7), nhận được "
                    + (spec == null ? "không có" : spec.toString()) + " (unsupported specVersion).");
        }
        List<Located> entries = new ArrayList<>();
        JsonNode components = root.get("components");
        if (components != null && !components.isNull()) {
            if (!components.isArray()) throw new Unreadable("\"components\" phải là một mảng (must be an array).");
            walk(components, "components", entries, maxEntries, 0);
        }
        return entries;
    }

    private static void walk(JsonNode components, String path, List<Located> entries, int max, int depth) {
        if (depth > 10) throw new Unreadable("Cấu trúc thành phần lồng nhau quá sâu (components nested too deep).");
        for (int i = 0; i < components.size(); i++) {
            String here = path + "[" + i + "]";
            JsonNode c = components.get(i);
            if (entries.size() >= max) {
                throw new Unreadable("SBOM có quá " + max + " thành phần (more than " + max + " components).");
            }
            if (!c.isObject()) {
                entries.add(new Located(here, null));
                continue;
            }
            String vendor = text(c.get("publisher"));
            if (vendor == null && c.get("supplier") != null) vendor = text(c.get("supplier").get("name"));
            if (vendor == null && c.get("manufacturer") != null) vendor = text(c.get("manufacturer").get("name"));
            entries.add(new Located(here, new SoftwareItem.Entry(vendor, text(c.get("name")), text(c.get("version")),
                    text(c.get("cpe")), text(c.get("purl")))));
            JsonNode nested = c.get("components");
            if (nested != null && nested.isArray()) walk(nested, here + ".components", entries, max, depth + 1);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isContainer() ? null : n.asString();
    }

    static String normalise(String header) {
        if (header == null) return "";
        String n = Normalizer.normalize(header.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT).replaceAll("[_\\s]+", " ");
        return n.strip();
    }

    /** Column index by our field name; at least product, cpe or purl must be present. */
    private static Map<String, Integer> columns(List<String> headers) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String field = HEADERS.get(normalise(headers.get(i)));
            if (field != null) map.putIfAbsent(field, i);
        }
        if (!map.containsKey("product") && !map.containsKey("cpe") && !map.containsKey("purl")) {
            throw new Unreadable("Dòng tiêu đề phải có ít nhất một trong các cột product (Sản phẩm), cpe, purl; "
                    + "các cột nhận biết: vendor, product, version, cpe, purl (header row not recognised).");
        }
        return map;
    }

    private static SoftwareItem.Entry entry(Map<String, Integer> columns, List<String> cells) {
        return new SoftwareItem.Entry(cell(columns, "vendor", cells), cell(columns, "product", cells),
                cell(columns, "version", cells), cell(columns, "cpe", cells), cell(columns, "purl", cells));
    }

    private static String cell(Map<String, Integer> columns, String field, List<String> cells) {
        Integer i = columns.get(field);
        return i == null || i >= cells.size() ? null : cells.get(i);
    }

    static List<Located> csv(String text, int maxEntries) {
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = firstLine.chars().filter(ch -> ch == ';').count() > firstLine.chars().filter(ch -> ch == ',').count()
                ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        List<Located> entries = new ArrayList<>();
        try (Reader reader = new StringReader(text); var parser = format.parse(reader)) {
            Map<String, Integer> columns = null;
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (columns == null) {
                    columns = columns(cells);
                    continue;
                }
                if (cells.stream().allMatch(c -> c == null || c.isBlank())) continue;
                if (entries.size() >= maxEntries) {
                    throw new Unreadable("Tệp có quá " + maxEntries + " dòng dữ liệu (more than " + maxEntries + " rows).");
                }
                entries.add(new Located(String.valueOf(parser.getCurrentLineNumber()), entry(columns, cells)));
            }
            if (columns == null) throw new Unreadable("Tệp rỗng (the file is empty).");
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new Unreadable("Không đọc được tệp CSV (unreadable CSV): " + e.getMessage());
        }
        return entries;
    }

    static List<Located> xlsx(byte[] content, int maxEntries) {
        List<Located> entries = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) throw new Unreadable("Tệp XLSX không có trang tính (no sheet).");
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) throw new Unreadable("Tệp XLSX không có dòng tiêu đề (no header row).");
            Map<String, Integer> columns = columns(cells(header, formatter));
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) continue;
                List<String> cells = cells(row, formatter);
                if (cells.stream().allMatch(c -> c == null || c.isBlank())) continue;
                if (entries.size() >= maxEntries) {
                    throw new Unreadable("Tệp có quá " + maxEntries + " dòng dữ liệu (more than " + maxEntries + " rows).");
                }
                entries.add(new Located(String.valueOf(r + 1), entry(columns, cells)));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Unreadable u) throw u;
            throw new Unreadable("Không đọc được tệp XLSX (unreadable XLSX).");
        }
        return entries;
    }

    private static List<String> cells(Row row, DataFormatter formatter) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
            Cell cell = row.getCell(c);
            if (cell == null) {
                cells.add(null);
                continue;
            }
            CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
            cells.add(type == CellType.BLANK ? null : formatter.formatCellValue(cell).strip());
        }
        return cells;
    }
}
