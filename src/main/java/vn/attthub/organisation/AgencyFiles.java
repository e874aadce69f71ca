package vn.attthub.organisation;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The agency exchange format, as CSV (UTF-8) and XLSX: one header row, then one agency per row. */
final class AgencyFiles {
    static final List<String> COLUMNS = List.of("code", "name", "nameEn", "kind", "parentCode", "address",
            "validFrom", "validTo");

    /** A data row: its 1-based row number in the file (the header is row 1) and its cells by column name. */
    record RawRow(int row, Map<String, String> cells) {
        String get(String column) {
            String v = cells.get(column);
            return v == null || v.isBlank() ? null : v.strip();
        }
    }

    /** The file could not be read at all (not CSV/XLSX, no header, too many rows). */
    static class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private AgencyFiles() {
    }

    static boolean isXlsx(byte[] content) {
        return content.length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    static List<RawRow> read(byte[] content, int maxRows) {
        return isXlsx(content) ? readXlsx(content, maxRows) : readCsv(content, maxRows);
    }

    static List<RawRow> readCsv(byte[] content, int maxRows) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.indexOf('\0') >= 0) {
            throw new Unreadable("Tệp không phải CSV hay XLSX (the file is neither CSV nor XLSX).");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();
        List<RawRow> rows = new ArrayList<>();
        try (Reader reader = new java.io.StringReader(text); var parser = format.parse(reader)) {
            Map<String, String> headers = headerMap(parser.getHeaderNames());
            for (CSVRecord record : parser) {
                if (rows.size() >= maxRows) {
                    throw new Unreadable("Tệp có quá " + maxRows + " dòng dữ liệu (more than " + maxRows + " rows).");
                }
                Map<String, String> cells = new LinkedHashMap<>();
                headers.forEach((column, header) -> cells.put(column, record.isMapped(header) && record.isSet(header)
                        ? record.get(header) : null));
                rows.add(new RawRow((int) record.getRecordNumber() + 1, cells));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof Unreadable u) throw u;
            throw new Unreadable("Không đọc được tệp CSV (unreadable CSV): " + e.getMessage());
        }
        return rows;
    }

    /** Maps our column names to the file's headers (case-insensitive); every column must be present. */
    private static Map<String, String> headerMap(List<String> fileHeaders) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            fileHeaders.stream().filter(h -> h != null && h.strip().equalsIgnoreCase(column)).findFirst()
                    .ifPresent(h -> map.put(column, h));
        }
        List<String> missing = COLUMNS.stream().filter(c -> !map.containsKey(c)).toList();
        if (missing.contains("code") || missing.contains("name") || missing.contains("kind")) {
            throw new Unreadable("Dòng tiêu đề phải có các cột " + String.join(", ", COLUMNS) + "; thiếu "
                    + String.join(", ", missing) + " (header row is missing columns).");
        }
        return map;
    }

    static List<RawRow> readXlsx(byte[] content, int maxRows) {
        List<RawRow> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) throw new Unreadable("Tệp XLSX không có trang tính (no sheet).");
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) throw new Unreadable("Tệp XLSX không có dòng tiêu đề (no header row).");
            List<String> names = new ArrayList<>();
            for (int c = 0; c < header.getLastCellNum(); c++) {
                Cell cell = header.getCell(c);
                names.add(cell == null ? null : formatter.formatCellValue(cell).strip());
            }
            Map<String, String> headers = headerMap(names);
            Map<String, Integer> index = new LinkedHashMap<>();
            headers.forEach((column, h) -> index.put(column, names.indexOf(h)));
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) continue;
                Map<String, String> cells = new LinkedHashMap<>();
                boolean empty = true;
                for (var e : index.entrySet()) {
                    String value = text(row.getCell(e.getValue()), formatter);
                    if (value != null && !value.isBlank()) empty = false;
                    cells.put(e.getKey(), value);
                }
                if (empty) continue;
                if (rows.size() >= maxRows) {
                    throw new Unreadable("Tệp có quá " + maxRows + " dòng dữ liệu (more than " + maxRows + " rows).");
                }
                rows.add(new RawRow(r + 1, cells));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Unreadable u) throw u;
            throw new Unreadable("Không đọc được tệp XLSX (unreadable XLSX).");
        }
        return rows;
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) return null;
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        return formatter.formatCellValue(cell);
    }

    static byte[] csv(List<AgencyQueries.ExportRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                     .setHeader(COLUMNS.toArray(String[]::new)).get())) {
            writer.write('\uFEFF'); // lets spreadsheet programs recognise UTF-8
            for (var r : rows) {
                printer.printRecord(r.code(), r.name(), r.nameEn(), r.kind(), r.parentCode(), r.address(),
                        r.validFrom(), r.validTo());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] xlsx(List<AgencyQueries.ExportRow> rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("agencies");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.size(); c++) header.createCell(c).setCellValue(COLUMNS.get(c));
            int r = 1;
            for (var row : rows) {
                Row x = sheet.createRow(r++);
                String[] values = {row.code(), row.name(), row.nameEn(), row.kind(), row.parentCode(), row.address()};
                for (int c = 0; c < values.length; c++) {
                    if (values[c] != null) x.createCell(c).setCellValue(values[c]);
                }
                dateCell(x, 6, row.validFrom(), date);
                dateCell(x, 7, row.validTo(), date);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void dateCell(Row row, int column, LocalDate value, CellStyle style) {
        if (value == null) return;
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }
}
