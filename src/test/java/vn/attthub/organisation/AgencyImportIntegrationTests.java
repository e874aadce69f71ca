package vn.attthub.organisation;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.attthub.IntegrationTest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AgencyImportIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RootAgency rootAgency;

    ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        rootAgency.ensure();
    }

    int count(String prefix) {
        return jdbc.sql("SELECT count(*) FROM agency WHERE code LIKE ?").param(prefix + "%").query(Integer.class).single();
    }

    @Test
    void aDryRunReportsEveryRowErrorAndNothingIsSaved() {
        String p = ApiClient.unique("IMP");
        String csv = """
                code,name,nameEn,kind,parentCode,address,validFrom,validTo
                %1$s,UBND tỉnh Nhập Khẩu,,PROVINCE,CP,,2020-01-01,
                %1$s-A,Sở A,,GALAXY,%1$s,,2020-01-01,
                %1$s-B,,,UNIT,%1$s,,2020-01-01,
                %1$s-C,Sở C,,UNIT,NO-SUCH-PARENT,,2020-01-01,
                %1$s-D,Sở D,,UNIT,%1$s,,01/13/2020,
                %1$s-E,Sở E,,UNIT,%1$s,,2019-01-01,
                %1$s,Trùng mã,,UNIT,CP,,2020-01-01,
                """.formatted(p);
        for (String dryRun : List.of("true", "false")) {
            ApiClient.Response r = admin.upload("/api/v1/agencies/import?dryRun=" + dryRun, "agencies.csv",
                    csv.getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).isEqualTo(400);
            List<String> errors = new ArrayList<>();
            r.json().get("errors").forEach(e -> errors.add(e.get("row").asInt() + ":" + e.get("column").asString()));
            assertThat(errors).containsExactly("3:kind", "4:name", "5:parentCode", "6:validFrom", "7:parentCode",
                    "8:code");
            assertThat(r.json().get("errors").get(0).get("message").asString()).contains("GALAXY");
        }
        assertThat(count(p)).isZero();
    }

    @Test
    void aValidFileIsPreviewedThenSavedWithParentsFromEarlierRows() {
        String p = ApiClient.unique("IMQ");
        String csv = "\uFEFFcode,name,nameEn,kind,parentCode,address,validFrom,validTo\n"
                + p + ",UBND tỉnh Nhập,People's Committee,PROVINCE,CP,\"Số 1, đường A\",2020-01-01,\n"
                + p + "-SO,Sở Khoa học và Công nghệ,,DEPARTMENT," + p + ",,01/02/2020,\n"
                + p + "-XA,UBND xã Một,,COMMUNE," + p + "-SO,,2020-03-01,2030-12-31\n";
        ApiClient.Response preview = admin.upload("/api/v1/agencies/import?dryRun=true", "a.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("created").asInt()).isEqualTo(3);
        assertThat(preview.json().get("saved").asBoolean()).isFalse();
        assertThat(preview.json().get("rows")).hasSize(3);
        assertThat(count(p)).isZero();

        ApiClient.Response saved = admin.upload("/api/v1/agencies/import?dryRun=false", "a.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("saved").asBoolean()).isTrue();
        assertThat(count(p)).isEqualTo(3);
        JsonNode commune = admin.get("/api/v1/agencies?q=" + p + "-XA").json().get("items").get(0);
        assertThat(commune.get("validTo").asString()).isEqualTo("2030-12-31");
        assertThat(commune.get("depth").asInt()).isEqualTo(3);
        JsonNode province = admin.get("/api/v1/agencies?q=" + p + "&limit=1").json().get("items").get(0);
        assertThat(province.get("address").asString()).isEqualTo("Số 1, đường A");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'agency.created' AND details->>'code' LIKE ?")
                .param(p + "%").query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void xlsxRoundTripExportsTheSubtreeAndReimportsItUnchanged() throws Exception {
        String p = ApiClient.unique("XL");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("Cơ quan");
            String[][] rows = {
                    {"code", "name", "nameEn", "kind", "parentCode", "address", "validFrom", "validTo"},
                    {p, "UBND tỉnh Bảng Tính", "Spreadsheet Province", "PROVINCE", "CP", "Đường Số 2", null, null},
                    {p + "-SYT", "Sở Y tế", null, "DEPARTMENT", p, null, null, null}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] != null) row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            // dates as real spreadsheet dates
            var style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
            sheet.getRow(1).createCell(6).setCellValue(LocalDate.of(2021, 5, 1));
            sheet.getRow(1).getCell(6).setCellStyle(style);
            sheet.getRow(2).createCell(6).setCellValue("2021-06-01");
            wb.write(out);
        }
        ApiClient.Response imported = admin.upload("/api/v1/agencies/import?dryRun=false", "a.xlsx", out.toByteArray());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("created").asInt()).isEqualTo(2);
        String rootId = admin.get("/api/v1/agencies?q=" + p + "&limit=1").json().get("items").get(0).get("id").asString();

        ApiClient.Response export = admin.get("/api/v1/agencies/export?format=xlsx&rootId=" + rootId);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Disposition")).startsWith("attachment").contains(".xlsx");
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(export.bytes()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo(p);
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("UBND tỉnh Bảng Tính");
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo("Spreadsheet Province");
            assertThat(first.getCell(3).getStringCellValue()).isEqualTo("PROVINCE");
            assertThat(first.getCell(4).getStringCellValue()).isEqualTo("CP");
            assertThat(first.getCell(5).getStringCellValue()).isEqualTo("Đường Số 2");
            assertThat(first.getCell(6).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2021, 5, 1));
            assertThat(sheet.getRow(2).getCell(4).getStringCellValue()).isEqualTo(p);
        }
        ApiClient.Response again = admin.upload("/api/v1/agencies/import?dryRun=false", "export.xlsx", export.bytes());
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(2);

        ApiClient.Response csv = admin.get("/api/v1/agencies/export?format=csv&rootId=" + rootId);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).contains(p + "-SYT,Sở Y tế,,DEPARTMENT," + p + ",,2021-06-01,");
        assertThat(admin.get("/api/v1/agencies/export?format=pdf").status()).isEqualTo(400);
    }

    @Test
    void tooLargeOrUnreadableFilesGetAClearError() {
        byte[] big = new byte[(int) AgencyImport.MAX_BYTES + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        ApiClient.Response tooBig = admin.upload("/api/v1/agencies/import?dryRun=true", "big.csv", big);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body()).contains("5 MB");

        ApiClient.Response noHeader = admin.upload("/api/v1/agencies/import?dryRun=true", "x.csv",
                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.json().get("errors").get(0).get("column").asString()).isEqualTo("file");

        StringBuilder many = new StringBuilder("code,name,nameEn,kind,parentCode,address,validFrom,validTo\n");
        for (int i = 0; i <= AgencyImport.MAX_ROWS; i++) many.append("R").append(i).append(",Tên,,UNIT,CP,,,\n");
        ApiClient.Response tooMany = admin.upload("/api/v1/agencies/import?dryRun=true", "many.csv",
                many.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("20000");

        assertThat(admin.post("/api/v1/agencies/import", "{}").status()).isIn(400, 415);
    }
}
