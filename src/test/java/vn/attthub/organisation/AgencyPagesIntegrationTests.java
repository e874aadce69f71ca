package vn.attthub.organisation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's pages, driven over HTTP with an API token (the browser flow with login is covered elsewhere). */
@vn.attthub.IntegrationTest
class AgencyPagesIntegrationTests {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RootAgency rootAgency;

    ApiClient admin;
    UUID root;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        root = rootAgency.ensure().value();
    }

    ApiClient.Response postForm(ApiClient client, String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return client.send(client.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static void assertCspSafe(String html) {
        assertThat(html).doesNotContain("style=\"").doesNotContain("onclick=").doesNotContain("<script>");
    }

    @Test
    void browsesSearchesLiveAndShowsTheDetailWithBreadcrumbRolesAndContacts() {
        String p = ApiClient.unique("PG");
        JsonNode province = admin.create(p, "UBND tỉnh Trang Mẫu", "PROVINCE", root, "2020-01-01");
        String pid = province.get("id").asString();
        JsonNode dept = admin.create(p + "-SKHCN", "Sở Khoa học và Công nghệ Trang Mẫu", "DEPARTMENT", pid, "2020-01-01");
        admin.post("/api/v1/agencies/" + dept.get("id").asString() + "/roles", """
                {"role":"SECURITY_UNIT","forAgencyId":"%s","validFrom":"2025-03-01",
                 "legalBasis":"Nghị định 85/2016/NĐ-CP Điều 3.5"}""".formatted(pid));
        admin.put("/api/v1/agencies/" + dept.get("id").asString() + "/contacts/HEAD", """
                {"fullName":"Lê Văn Giám Đốc","phone":"0203 3840 111","email":"gd@example.gov.vn"}""", null);

        ApiClient.Response list = admin.get("/agencies");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Danh mục cơ quan, đơn vị").contains("hx-get").contains("Xuất CSV");
        assertCspSafe(list.body());

        ApiClient.Response browse = admin.get("/agencies?parentId=" + pid);
        assertThat(browse.body()).contains("Sở Khoa học và Công nghệ Trang Mẫu").contains("breadcrumb");

        ApiClient.Response live = admin.send(admin.request("/agencies?q=" + p.toLowerCase() + "-sk").header("HX-Request", "true"));
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("id=\"results\"").contains(p + "-SKHCN").doesNotContain("<html");

        ApiClient.Response detail = admin.get("/agencies/" + dept.get("id").asString());
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("UBND tỉnh Trang Mẫu") // breadcrumb ancestor
                .contains("Đơn vị chuyên trách về an toàn thông tin").contains("Nghị định 85/2016/NĐ-CP Điều 3.5")
                .contains("01/03/2025").contains("Lê Văn Giám Đốc").contains("Người đứng đầu");
        assertCspSafe(detail.body());

        ApiClient.Response english = admin.get("/agencies/" + dept.get("id").asString() + "?lang=en");
        assertThat(english.body()).contains("Information security unit").contains("Head of agency");
    }

    @Test
    void asOfViewShowsTheAgenciesOfThatDay() {
        String p = ApiClient.unique("AO");
        JsonNode parent = admin.create(p, "Tỉnh As Of", "PROVINCE", root, "2008-08-01");
        String pid = parent.get("id").asString();
        JsonNode old = admin.create(p + "-OLD", "Sở cũ " + p, "DEPARTMENT", pid, "2010-01-01");
        JsonNode neu = admin.create(p + "-NEW", "Sở mới " + p, "DEPARTMENT", pid, "2025-07-01");
        admin.post("/api/v1/agencies/" + old.get("id").asString() + "/successions", """
                {"successorIds":["%s"],"effectiveOn":"2025-07-01"}""".formatted(neu.get("id").asString()));
        String june = admin.get("/agencies?parentId=" + pid + "&asOf=2025-06-01").body();
        assertThat(june).contains(p + "-OLD").doesNotContain(p + "-NEW").contains("01/06/2025");
        String july = admin.get("/agencies?parentId=" + pid + "&asOf=2025-07-01").body();
        assertThat(july).contains(p + "-NEW").doesNotContain(p + "-OLD");
        String all = admin.get("/agencies?parentId=" + pid + "&asOf=").body();
        assertThat(all).contains(p + "-NEW").contains(p + "-OLD").contains("Đã kết thúc");
        String oldDetail = admin.get("/agencies/" + old.get("id").asString()).body();
        assertThat(oldDetail).contains("Cơ quan kế thừa").contains("Sở mới " + p);
    }

    @Test
    void createFormShowsReadableErrorsKeepsInputAndThenCreates() {
        String code = ApiClient.unique("FM");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("name", "");
        fields.put("nameEn", "Kept English name");
        fields.put("kind", "UNIT");
        fields.put("parentCode", "CP");
        fields.put("validFrom", "2024-01-01");
        fields.put("version", "0");
        ApiClient.Response refused = postForm(admin, "/agencies", fields);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Tên tiếng Việt là bắt buộc").contains("Kept English name")
                .contains("value=\"" + code + "\"").contains("is-invalid");

        fields.put("name", "Đơn vị tạo từ trang");
        ApiClient.Response created = postForm(admin, "/agencies", fields);
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.header("Location")).contains("/agencies/");
        assertThat(jdbc.sql("SELECT name_vi FROM agency WHERE code = ?").param(code).query(String.class).single())
                .isEqualTo("Đơn vị tạo từ trang");
    }

    @Test
    void aStaleEditSaysSoAndKeepsTheUsersInput() {
        String code = ApiClient.unique("ST");
        JsonNode agency = admin.create(code, "Tên ban đầu", "UNIT", root, "2020-01-01");
        String id = agency.get("id").asString();
        ApiClient.Response editPage = admin.get("/agencies/" + id + "/edit");
        assertThat(editPage.body()).contains("Tên ban đầu").contains("name=\"version\"");
        // someone else saves first
        assertThat(admin.put("/api/v1/agencies/" + id, """
                {"code":"%s","name":"Tên của người khác","kind":"UNIT","parentId":"%s","validFrom":"2020-01-01"}"""
                .formatted(code, root), "\"0\"").status()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("name", "Tên tôi vừa nhập");
        fields.put("kind", "UNIT");
        fields.put("parentCode", "CP");
        fields.put("validFrom", "2020-01-01");
        fields.put("version", "0");
        ApiClient.Response stale = postForm(admin, "/agencies/" + id + "/edit", fields);
        assertThat(stale.status()).isEqualTo(200);
        String html = org.springframework.web.util.HtmlUtils.htmlUnescape(stale.body());
        assertThat(html).contains("vừa được người khác sửa").contains("value=\"Tên tôi vừa nhập\"")
                .contains("Tên của người khác").contains("name=\"version\" value=\"1\"");
        fields.put("version", "1");
        assertThat(postForm(admin, "/agencies/" + id + "/edit", fields).status()).isEqualTo(302);
        assertThat(admin.get("/api/v1/agencies/" + id).json().get("name").asString()).isEqualTo("Tên tôi vừa nhập");
    }

    @Test
    void importPageShowsTheDryRunPreviewAndErrors() {
        String p = ApiClient.unique("IP");
        String csv = "code,name,nameEn,kind,parentCode,address,validFrom,validTo\n"
                + p + ",Tỉnh Nhập Trang,,PROVINCE,CP,,2020-01-01,\n"
                + p + "-X,Sở lỗi,,NOT_A_KIND," + p + ",,2020-01-01,\n";
        String boundary = "----page" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"co-quan.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        ApiClient.Response page = admin.send(admin.request("/agencies/import")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Tệp có 1 lỗi").contains("NOT_A_KIND").contains("co-quan.csv")
                .contains("Tạo mới").contains("Có lỗi");
        assertThat(jdbc.sql("SELECT count(*) FROM agency WHERE code LIKE ?").param(p + "%").query(Integer.class).single())
                .isZero();
        assertCspSafe(admin.get("/agencies/import").body());
    }

    @Test
    void anotherProvincesAgencyIsNotFoundForAScopedUser() {
        JsonNode mine = admin.create(ApiClient.unique("PM"), "Tỉnh Của Tôi", "PROVINCE", root, "2020-01-01");
        JsonNode theirs = admin.create(ApiClient.unique("PT"), "Tỉnh Khác", "PROVINCE", root, "2020-01-01");
        ApiClient viewer = ApiClient.userWithRole(jdbc, port, "VIEWER", UUID.fromString(mine.get("id").asString()));
        assertThat(viewer.get("/agencies/" + mine.get("id").asString()).status()).isEqualTo(200);
        ApiClient.Response other = viewer.get("/agencies/" + theirs.get("id").asString());
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).contains("Không tìm thấy cơ quan");
        assertThat(viewer.get("/agencies").body()).contains("Tỉnh Của Tôi").doesNotContain("Tỉnh Khác")
                .doesNotContain("Thêm cơ quan");
        assertThat(viewer.get("/agencies/new").status()).isEqualTo(403);
    }
}
