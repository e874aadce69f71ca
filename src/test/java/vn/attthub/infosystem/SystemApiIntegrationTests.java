package vn.attthub.infosystem;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.attthub.IntegrationTest;
import vn.attthub.TestCallers;
import vn.attthub.infosystem.SystemFixtures.Client;
import vn.attthub.infosystem.SystemFixtures.Response;
import vn.attthub.shared.Role;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The systems API: registration rules, scope, optimistic concurrency, inventory and its imports, export. */
@IntegrationTest
class SystemApiIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    SystemFixtures f;
    Client officer;

    @BeforeEach
    void setUp() {
        f = new SystemFixtures(jdbc, port);
        officer = f.as(f.province, Role.SECURITY_OFFICER);
    }

    static Map<String, String> fieldErrors(Response r) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        r.json().get("errors").forEach(e -> errors.put(e.get("field").asString(), e.get("message").asString()));
        return errors;
    }

    @Test
    void registersASystemAndReadsItBackWithTheOwnersSecurityUnit() {
        String code = SystemFixtures.code();
        Response created = officer.post("/api/v1/systems", f.body(code, f.province.id(), f.department.id(), null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/systems/" + id);

        Response got = officer.get("/api/v1/systems/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.header("ETag")).isEqualTo("\"0\"");
        JsonNode s = got.json();
        assertThat(s.get("code").asString()).isEqualTo(code);
        assertThat(s.get("owner").get("id").asString()).isEqualTo(f.province.id().toString());
        assertThat(s.get("operator").get("id").asString()).isEqualTo(f.department.id().toString());
        // Decree 85/2016 Art 3.5: the owner's security unit comes from the registry
        assertThat(s.get("securityUnit").get("code").asString()).isEqualTo(f.department.code());
        assertThat(s.get("levelInputs").get("systemType").asString()).isEqualTo("CITIZEN_BUSINESS_SERVICE");
        assertThat(s.get("levelInputs").get("onlinePublicServiceLevel").asInt()).isEqualTo(4);
        assertThat(s.get("levelInputs").get("personalDataSubjects").asInt()).isEqualTo(12000);
        assertThat(s.get("levelInputs").get("nationalSecurityWork").isNull()).isTrue();
        assertThat(s.get("approvedLevel").isNull()).isTrue();
        List<String> domains = new ArrayList<>();
        s.get("domains").forEach(d -> domains.add(d.asString()));
        assertThat(domains).containsExactly("dichvucong.kiemthu.gov.vn", "xn--cng-qmz.kiemthu.gov.vn");
        List<String> ranges = new ArrayList<>();
        s.get("publicIpRanges").forEach(d -> ranges.add(d.asString()));
        assertThat(ranges).containsExactlyInAnyOrder("203.0.113.16/28", "2001:db8:10::/48");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'information-system.created' "
                + "AND target_id = ?").param(id).query(Long.class).single()).isEqualTo(1);

        // the same code again is a conflict on the code field
        Response again = officer.post("/api/v1/systems", f.body(code.toLowerCase(), f.province.id(),
                f.department.id(), null));
        assertThat(again.status()).isEqualTo(409);
        assertThat(fieldErrors(again)).containsKey("code");
    }

    @Test
    void refusesInvalidSystemsWithFieldPaths() {
        // an owner that does not hold SYSTEM_OWNER in the registry (Decree 85/2016 Art 3.1)
        Response notOwner = officer.post("/api/v1/systems", f.body(SystemFixtures.code(), f.department.id(),
                f.department.id(), null));
        assertThat(notOwner.status()).isEqualTo(400);
        assertThat(notOwner.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fieldErrors(notOwner).get("ownerId")).contains("SYSTEM_OWNER").contains(f.department.code());

        Response bad = officer.post("/api/v1/systems", """
                {"code":"bad code!","name":"","ownerId":"%s","operatorId":"%s","systemType":"OTHER",
                 "informationTypes":[],"levelInputs":{"onlinePublicServiceLevel":7,"personalDataSubjects":-1},
                 "lifecycle":"OPERATING","hosting":"CLOUD",
                 "domains":["not a domain","*.gov.vn"],
                 "publicIpRanges":["203.0.113.5/24","10.0.0.0/8","999.1.1.1/32","198.51.100.0/33"]}"""
                .formatted(f.province.id(), f.department.id()));
        assertThat(bad.status()).isEqualTo(400);
        Map<String, String> errors = fieldErrors(bad);
        assertThat(errors).containsKeys("code", "name", "informationTypes", "levelInputs.onlinePublicServiceLevel",
                "levelInputs.personalDataSubjects", "goLiveDate", "hostingProviderId", "domains[0]", "domains[1]",
                "publicIpRanges[0]", "publicIpRanges[1]", "publicIpRanges[2]", "publicIpRanges[3]");
        assertThat(errors.get("publicIpRanges[0]")).contains("203.0.113.0/24");
        assertThat(errors.get("publicIpRanges[1]")).contains("công khai");

        Response unknownField = officer.post("/api/v1/systems", f.body(SystemFixtures.code(), f.province.id(),
                f.department.id(), "\"level\":5"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(fieldErrors(unknownField)).containsKey("level");

        Response badEnum = officer.post("/api/v1/systems", f.body(SystemFixtures.code(), f.province.id(),
                f.department.id(), null).replace("\"CITIZEN_BUSINESS_SERVICE\"", "\"PORTAL\""));
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(fieldErrors(badEnum)).containsKey("systemType");
        // componentLevels are derived (Art 5.2), never submitted
        Response componentLevels = officer.post("/api/v1/systems", f.body(SystemFixtures.code(), f.province.id(),
                f.department.id(), null).replace("\"operates24x7\":true", "\"operates24x7\":true,\"componentLevels\":[5]"));
        assertThat(componentLevels.status()).isEqualTo(400);
    }

    @Test
    void anotherProvinceSeesNothingAndTheOperatorsScopeSuffices() {
        String id = officer.create(f.body(SystemFixtures.code(), f.province.id(), f.department.id(), null))
                .get("id").asString();
        TestCallers.Agency other = f.callers.agency(f.callers.root(), "PROVINCE", "Tỉnh khác");
        Client outsider = f.as(other, Role.AGENCY_ADMIN);
        assertThat(outsider.get("/api/v1/systems/" + id).status()).isEqualTo(404);
        assertThat(outsider.get("/api/v1/systems/" + id + "/inventory").status()).isEqualTo(404);
        assertThat(outsider.put("/api/v1/systems/" + id, f.body("X-1", f.province.id(), f.department.id(), null),
                "\"0\"").status()).isEqualTo(404);
        assertThat(outsider.put("/api/v1/systems/" + id + "/inventory", "{\"items\":[]}", "\"0\"").status())
                .isEqualTo(404);
        assertThat(outsider.get("/api/v1/systems?limit=500").json().get("items").toString()).doesNotContain(id);
        // an outsider cannot register a system for an owner and operator outside its scope
        Response foreign = outsider.post("/api/v1/systems", f.body(SystemFixtures.code(), f.province.id(),
                f.department.id(), null));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(fieldErrors(foreign)).containsKey("operatorId");

        // the operator (a department under the province) sees and edits the system owned by its province
        Client operator = f.as(f.department, Role.SYSTEM_OPERATOR);
        assertThat(operator.get("/api/v1/systems/" + id).status()).isEqualTo(200);
        // a viewer reads but may not change: 403, the permission is missing entirely
        Client viewer = f.as(f.province, Role.VIEWER);
        assertThat(viewer.get("/api/v1/systems/" + id).status()).isEqualTo(200);
        assertThat(viewer.put("/api/v1/systems/" + id, "{}", "\"0\"").status()).isEqualTo(403);
    }

    @Test
    void updatesNeedTheCurrentEtag() {
        String code = SystemFixtures.code();
        String id = officer.create(f.body(code, f.province.id(), f.department.id(), null)).get("id").asString();
        String changed = f.body(code, f.province.id(), f.department.id(), null)
                .replace("Cổng dịch vụ công tỉnh kiểm thử", "Cổng dịch vụ công (mới)");
        Response missing = officer.put("/api/v1/systems/" + id, changed, null);
        assertThat(missing.status()).isEqualTo(428);
        Response stale = officer.put("/api/v1/systems/" + id, changed, "\"7\"");
        assertThat(stale.status()).isEqualTo(412);
        Response ok = officer.put("/api/v1/systems/" + id, changed, "\"0\"");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.header("ETag")).isEqualTo("\"1\"");
        assertThat(ok.json().get("name").asString()).isEqualTo("Cổng dịch vụ công (mới)");
        assertThat(officer.put("/api/v1/systems/" + id, changed, "\"0\"").status()).isEqualTo(412);
        String audited = jdbc.sql("SELECT details->'name'->>'after' FROM audit_event WHERE action = "
                + "'information-system.updated' AND target_id = ?").param(id).query(String.class).single();
        assertThat(audited).isEqualTo("Cổng dịch vụ công (mới)");
    }

    @Test
    void componentsFeedTheLevelInputsAndCannotFormACycle() {
        String partCode = SystemFixtures.code();
        String part = officer.create(f.body(partCode, f.province.id(), f.department.id(), null)).get("id").asString();
        String wholeCode = SystemFixtures.code();
        JsonNode whole = officer.create(f.body(wholeCode, f.province.id(), f.department.id(),
                "\"componentIds\":[\"" + part + "\"]"));
        assertThat(whole.get("components").get(0).get("code").asString()).isEqualTo(partCode);
        JsonNode partDetail = officer.get("/api/v1/systems/" + part).json();
        assertThat(partDetail.get("partOf").get(0).get("code").asString()).isEqualTo(wholeCode);
        // the part may not contain the whole (Art 5.2 composite without cycles)
        Response cycle = officer.put("/api/v1/systems/" + part, f.body(partCode, f.province.id(), f.department.id(),
                "\"componentIds\":[\"" + whole.get("id").asString() + "\"]"), "\"0\"");
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(fieldErrors(cycle)).containsKey("componentIds[0]");
        Response unknown = officer.post("/api/v1/systems", f.body(SystemFixtures.code(), f.province.id(),
                f.department.id(), "\"connectedSystemIds\":[\"" + UUID.randomUUID() + "\"]"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fieldErrors(unknown)).containsKey("connectedSystemIds[0]");
    }

    @Test
    void listsFilterAndPageByCode() {
        String prefix = "HT-L" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        for (String suffix : List.of("-A", "-B", "-C")) {
            officer.create(f.body(prefix + suffix, f.province.id(), f.department.id(), null));
        }
        officer.create(f.body(prefix + "-P", f.province.id(), f.department.id(), null)
                .replace("\"lifecycle\":\"OPERATING\"", "\"lifecycle\":\"PLANNED\""));
        JsonNode first = officer.get("/api/v1/systems?q=" + prefix + "&limit=2").json();
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items").get(0).get("code").asString()).isEqualTo(prefix + "-A");
        JsonNode second = officer.get("/api/v1/systems?q=" + prefix + "&limit=2&after=" + first.get("next").asString())
                .json();
        assertThat(second.get("items").get(0).get("code").asString()).isEqualTo(prefix + "-C");
        assertThat(second.get("next").isNull()).isTrue();
        JsonNode planned = officer.get("/api/v1/systems?q=" + prefix + "&lifecycle=PLANNED").json();
        assertThat(planned.get("items")).hasSize(1);
        assertThat(officer.get("/api/v1/systems?q=" + prefix + "&level=none").json().get("items")).hasSize(4);
        assertThat(officer.get("/api/v1/systems?q=" + prefix + "&level=3").json().get("items")).isEmpty();
        assertThat(officer.get("/api/v1/systems?q=" + prefix + "&ownerId=" + f.department.id()).json().get("items"))
                .isEmpty();
        assertThat(officer.get("/api/v1/systems?q=" + prefix + "&ownerId=" + f.province.id()).json().get("items"))
                .hasSize(4);
        assertThat(officer.get("/api/v1/systems?level=9").status()).isEqualTo(400);
        assertThat(officer.get("/api/v1/systems?lifecycle=SOON").status()).isEqualTo(400);
        assertThat(officer.get("/api/v1/systems?after=***").status()).isEqualTo(400);
    }

    @Test
    void inventoryIsReplacedWholeAndMalformedNamesAreRowErrors() {
        String id = officer.create(f.body(SystemFixtures.code(), f.province.id(), f.department.id(), null))
                .get("id").asString();
        Response empty = officer.get("/api/v1/systems/" + id + "/inventory");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.header("ETag")).isEqualTo("\"0\"");
        String items = """
                {"items":[
                  {"vendor":"Apache","product":"HTTP Server","version":"2.4.49",
                   "cpe":"cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*"},
                  {"purl":"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]}""";
        assertThat(officer.put("/api/v1/systems/" + id + "/inventory", items, null).status()).isEqualTo(428);
        Response saved = officer.put("/api/v1/systems/" + id + "/inventory", items, "\"0\"");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.header("ETag")).isEqualTo("\"1\"");
        JsonNode list = officer.get("/api/v1/systems/" + id + "/inventory").json();
        assertThat(list.get("count").asInt()).isEqualTo(2);
        JsonNode httpd = list.get("items").get(0);
        assertThat(httpd.get("parsed").get("cpePart").asString()).isEqualTo("a");
        assertThat(httpd.get("parsed").get("cpeVendor").asString()).isEqualTo("apache");
        assertThat(httpd.get("parsed").get("cpeProduct").asString()).isEqualTo("http_server");
        assertThat(httpd.get("parsed").get("cpeVersion").asString()).isEqualTo("2.4.49");
        JsonNode log4j = list.get("items").get(1);
        assertThat(log4j.get("product").asString()).isEqualTo("log4j-core");
        assertThat(log4j.get("version").asString()).isEqualTo("2.14.1");
        assertThat(log4j.get("parsed").get("purlType").asString()).isEqualTo("maven");
        assertThat(log4j.get("parsed").get("purlNamespace").asString()).isEqualTo("org.apache.logging.log4j");
        assertThat(log4j.get("parsed").get("purlName").asString()).isEqualTo("log4j-core");
        // stored in the indexed match columns that early warnings will query
        assertThat(jdbc.sql("SELECT count(*) FROM software_item WHERE cpe_vendor = 'apache' AND cpe_product = "
                + "'http_server' AND system_id = ?").param(UUID.fromString(id)).query(Long.class).single()).isEqualTo(1);

        Response bad = officer.put("/api/v1/systems/" + id + "/inventory", """
                {"items":[
                  {"product":"nginx","cpe":"cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*"},
                  {"product":"x","cpe":"cpe:/a:apache:http_server:2.4.49"},
                  {"product":"y","cpe":"cpe:2.3:a:apache"},
                  {"purl":"maven/log4j-core@2.14.1"},
                  {"vendor":"Nobody"}]}""", "\"1\"");
        assertThat(bad.status()).isEqualTo(400);
        Map<String, String> errors = fieldErrors(bad);
        assertThat(errors).containsOnlyKeys("items[1].cpe", "items[2].cpe", "items[3].purl", "items[4].product");
        assertThat(errors.get("items[1].cpe")).contains("CPE 2.3");
        assertThat(officer.get("/api/v1/systems/" + id + "/inventory").json().get("count").asInt()).isEqualTo(2);
    }

    @Test
    void importsCycloneDxAfterADryRun() throws Exception {
        String id = officer.create(f.body(SystemFixtures.code(), f.province.id(), f.department.id(), null))
                .get("id").asString();
        byte[] sbom = getClass().getResourceAsStream("/sbom/portal-cyclonedx-1.5.json").readAllBytes();
        Response dry = officer.upload("/api/v1/systems/" + id + "/inventory/import", "bom.json", sbom);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("format").asString()).isEqualTo("CYCLONEDX");
        assertThat(dry.json().get("saved").asBoolean()).isFalse();
        assertThat(dry.json().get("items")).hasSize(4); // nested components included
        assertThat(officer.get("/api/v1/systems/" + id + "/inventory").json().get("count").asInt()).isZero();

        Response real = officer.upload("/api/v1/systems/" + id + "/inventory/import?dryRun=false", "bom.json", sbom);
        assertThat(real.status()).isEqualTo(200);
        assertThat(real.json().get("saved").asBoolean()).isTrue();
        JsonNode list = officer.get("/api/v1/systems/" + id + "/inventory").json();
        assertThat(list.get("count").asInt()).isEqualTo(4);
        assertThat(list.get("items").get(1).get("vendor").asString()).isEqualTo("Apache Software Foundation");
        assertThat(list.get("items").get(1).get("parsed").get("cpeProduct").asString()).isEqualTo("tomcat");
        assertThat(list.get("items").get(3).get("parsed").get("purlType").asString()).isEqualTo("npm");
        assertThat(jdbc.sql("SELECT details->>'source' FROM audit_event WHERE action = "
                + "'information-system.inventory-replaced' AND target_id = ?").param(id).query(String.class).single())
                .isEqualTo("import:CYCLONEDX");

        String notCycloneDx = "{\"bomFormat\":\"SPDX\",\"specVersion\":\"2.3\"}";
        Response wrong = officer.upload("/api/v1/systems/" + id + "/inventory/import", "x.json",
                notCycloneDx.getBytes(StandardCharsets.UTF_8));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("CycloneDX");
        String badComponent = """
                {"bomFormat":"CycloneDX","specVersion":"1.6","components":[
                  {"name":"ok","purl":"pkg:npm/left-pad@1.3.0"},{"name":"bad","purl":"pkg:"},"text"]}""";
        Response rows = officer.upload("/api/v1/systems/" + id + "/inventory/import?dryRun=false", "x.json",
                badComponent.getBytes(StandardCharsets.UTF_8));
        assertThat(rows.status()).isEqualTo(400);
        assertThat(rows.json().get("errors").get(0).get("row").asString()).isEqualTo("components[1]");
        assertThat(rows.json().get("errors").get(0).get("field").asString()).isEqualTo("purl");
        assertThat(rows.json().get("errors").get(1).get("row").asString()).isEqualTo("components[2]");
        assertThat(officer.get("/api/v1/systems/" + id + "/inventory").json().get("count").asInt()).isEqualTo(4);
    }

    @Test
    void csvAndXlsxImportsReportEveryRowAndSaveNothingWhenAnyIsWrong() throws Exception {
        String id = officer.create(f.body(SystemFixtures.code(), f.province.id(), f.department.id(), null))
                .get("id").asString();
        String csv = """
                Nhà cung cấp;Sản phẩm;Phiên bản;CPE;PURL
                Microsoft;Exchange Server;2019 CU11;cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_11:*:*:*:*:*:*;
                Oracle;WebLogic Server;12.2.1.3.0;cpe:2.3:a:oracle:weblogic_server;
                ;;;;pkg:maven/
                Nginx;nginx;1.24.0;;pkg:generic/nginx@1.24.0
                """;
        Response report = officer.upload("/api/v1/systems/" + id + "/inventory/import?dryRun=false", "ds.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(report.status()).isEqualTo(400);
        assertThat(report.json().get("saved").asBoolean()).isFalse();
        JsonNode errors = report.json().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("row").asString()).isEqualTo("3");
        assertThat(errors.get(0).get("field").asString()).isEqualTo("cpe");
        assertThat(errors.get(1).get("row").asString()).isEqualTo("4");
        assertThat(errors.get(1).get("field").asString()).isEqualTo("purl");
        assertThat(officer.get("/api/v1/systems/" + id + "/inventory").json().get("count").asInt()).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("phan-mem");
            String[][] rows = {{"vendor", "product", "version", "cpe", "purl"},
                    {"Siemens", "SIMATIC WinCC", "7.5", "cpe:2.3:a:siemens:simatic_wincc:7.5:*:*:*:*:*:*:*", ""},
                    {"PostgreSQL", "PostgreSQL", "14.5", "cpe:2.3:a:postgresql:postgresql:14.5:*:*:*:*:*:*:*", ""}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) row.createCell(c).setCellValue(rows[r][c]);
            }
            wb.write(out);
        }
        Response xlsx = officer.upload("/api/v1/systems/" + id + "/inventory/import?dryRun=false", "pm.xlsx",
                out.toByteArray());
        assertThat(xlsx.status()).as(xlsx.body()).isEqualTo(200);
        assertThat(xlsx.json().get("format").asString()).isEqualTo("XLSX");
        assertThat(officer.get("/api/v1/systems/" + id + "/inventory").json().get("count").asInt()).isEqualTo(2);
        Response noHeader = officer.upload("/api/v1/systems/" + id + "/inventory/import", "x.csv",
                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
    }

    @Test
    void exportsOnlyTheCallersScopeWithVietnameseHeaders() throws Exception {
        String code = SystemFixtures.code();
        officer.create(f.body(code, f.province.id(), f.department.id(), null));
        SystemFixtures other = new SystemFixtures(jdbc, port);
        String foreign = SystemFixtures.code();
        other.as(other.province, Role.SECURITY_OFFICER).create(other.body(foreign, other.province.id(),
                other.department.id(), null));
        Response r = officer.get("/api/v1/systems/export.xlsx");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Disposition")).contains("danh-muc-he-thong");
        List<String> codes = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.bytes()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Mã hệ thống");
            assertThat(sheet.getRow(0).getCell(12).getStringCellValue()).isEqualTo("Cấp độ đã phê duyệt");
            for (int i = 1; i <= sheet.getLastRowNum(); i++) codes.add(sheet.getRow(i).getCell(0).getStringCellValue());
            assertThat(sheet.getRow(1).getCell(8).getStringCellValue()).isEqualTo("Đang vận hành");
        }
        assertThat(codes).contains(code).doesNotContain(foreign);
    }
}
