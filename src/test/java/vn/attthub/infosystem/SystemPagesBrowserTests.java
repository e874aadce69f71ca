package vn.attthub.infosystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.attthub.Browser;
import vn.attthub.IntegrationTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A system operator registers a system in the browser: the list, a refused form that keeps what was typed, the
 * detail page with the owner's security unit (Decree 85/2016 Art 3.5), and an inventory import from a CSV with a
 * malformed CPE (refused row by row) and from a CycloneDX SBOM (previewed, then confirmed).
 */
@IntegrationTest
class SystemPagesBrowserTests {
    @RegisterExtension
    static final Browser browser = new Browser();
    static final String PASSWORD = "Van-Hanh#2026x";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anOperatorRegistersASystemAndImportsItsSoftwareInventory() throws Exception {
        SystemFixtures f = new SystemFixtures(jdbc, port);
        String username = "vanhanh." + UUID.randomUUID().toString().substring(0, 6);
        SystemFixtures.Response user = new SystemFixtures.Client(port, IntegrationTest.BOOTSTRAP_TOKEN)
                .post("/api/v1/users", """
                        {"username":"%s","fullName":"Giàng Thị Vận Hành","email":"%s@example.gov.vn","agencyId":"%s",
                         "roles":["SYSTEM_OPERATOR"],"password":"%s"}""".formatted(username, username, f.department.id(),
                        PASSWORD));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String existing = SystemFixtures.code();
        f.as(f.province, vn.attthub.shared.Role.SECURITY_OFFICER)
                .create(f.body(existing, f.province.id(), f.department.id(), null));

        browser.login(username, PASSWORD);
        browser.open("/systems");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Danh mục hệ thống thông tin");
        assertThat(browser.find(By.cssSelector("main table")).getText()).contains(existing);
        browser.screenshot("systems-list");
        browser.assertNoConsoleErrors();

        browser.find(By.linkText("Đăng ký hệ thống")).click();
        String code = SystemFixtures.code();
        browser.find(By.id("code")).sendKeys(code);
        browser.find(By.id("name")).sendKeys("Hệ thống một cửa điện tử cấp xã");
        browser.find(By.id("ownerCode")).sendKeys(f.province.code());
        browser.find(By.id("operatorCode")).sendKeys(f.department.code());
        new Select(browser.find(By.id("systemType"))).selectByValue("CITIZEN_BUSINESS_SERVICE");
        browser.find(By.id("info-PUBLIC")).click();
        browser.find(By.id("info-PERSONAL")).click();
        new Select(browser.find(By.id("onlinePublicServiceLevel"))).selectByValue("3");
        browser.find(By.id("personalDataSubjects")).sendKeys("9999");
        browser.find(By.id("domains")).sendKeys("motcua.xa.kiemthu.gov.vn");
        browser.find(By.id("ipRanges")).sendKeys("10.1.0.0/16");
        // operating without a go-live date and with a private range: refused, and what was typed stays
        browser.find(By.id("code")).submit();
        browser.waitUntil(d -> !d.findElements(By.id("form-errors")).isEmpty());
        assertThat(browser.find(By.id("form-errors")).getText()).contains("ngày đưa vào vận hành")
                .contains("công khai");
        assertThat(browser.find(By.id("name")).getAttribute("value")).isEqualTo("Hệ thống một cửa điện tử cấp xã");
        assertThat(browser.find(By.id("info-PERSONAL")).isSelected()).isTrue();
        assertThat(browser.find(By.id("ipRanges")).getAttribute("value")).isEqualTo("10.1.0.0/16");
        browser.screenshot("systems-form-errors");
        browser.assertNoConsoleErrors();

        WebElement ranges = browser.find(By.id("ipRanges"));
        ranges.clear();
        ranges.sendKeys("203.0.113.48/29");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = '2025-07-01'",
                browser.find(By.id("goLiveDate")));
        browser.find(By.id("code")).submit();
        browser.waitUntil(d -> !d.findElements(By.id("security-unit")).isEmpty());
        assertThat(browser.find(By.cssSelector(".alert-success")).getText()).isEqualTo("Đã đăng ký hệ thống.");
        assertThat(browser.find(By.id("security-unit")).getText()).contains(f.department.code());
        assertThat(browser.find(By.id("approved-level")).getText()).isEqualTo("Chưa phê duyệt");
        assertThat(browser.find(By.tagName("main")).getText()).contains("01/07/2025").contains("203.0.113.48/29")
                .contains("motcua.xa.kiemthu.gov.vn").contains("9.999");
        browser.screenshot("systems-detail");
        browser.assertNoConsoleErrors();

        browser.find(By.linkText("Sửa danh mục phần mềm")).click();
        Path csv = Files.createTempFile("danh-muc", ".csv");
        Files.writeString(csv, """
                vendor,product,version,cpe,purl
                Apache,HTTP Server,2.4.49,cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*,
                Oracle,WebLogic,12.2.1.3.0,cpe:/a:oracle:weblogic_server:12.2.1.3.0,
                """, StandardCharsets.UTF_8);
        browser.find(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.find(By.cssSelector("form[enctype] button[type=submit]")).click();
        browser.waitUntil(d -> !d.findElements(By.id("import-errors")).isEmpty());
        assertThat(browser.find(By.cssSelector("main table")).getText()).contains("3").contains("cpe")
                .contains("CPE 2.3");
        browser.screenshot("systems-import-errors");
        browser.assertNoConsoleErrors();

        browser.find(By.linkText("Quay lại danh mục phần mềm")).click();
        Path sbom = Files.createTempFile("bom", ".json");
        Files.write(sbom, getClass().getResourceAsStream("/sbom/portal-cyclonedx-1.5.json").readAllBytes());
        browser.find(By.id("file")).sendKeys(sbom.toAbsolutePath().toString());
        browser.find(By.cssSelector("form[enctype] button[type=submit]")).click();
        browser.waitUntil(d -> !d.findElements(By.id("import-preview")).isEmpty());
        assertThat(browser.find(By.id("import-preview")).getText()).contains("4 thành phần").contains("CYCLONEDX");
        assertThat(browser.find(By.cssSelector("main table")).getText()).contains("log4j-core");
        browser.screenshot("systems-import-preview");
        browser.assertNoConsoleErrors();

        browser.find(By.xpath("//button[normalize-space()='Xác nhận thay thế danh mục']")).click();
        browser.waitUntil(d -> !d.findElements(By.id("inventory-table")).isEmpty());
        assertThat(browser.find(By.cssSelector(".alert-success")).getText()).contains("4 thành phần");
        assertThat(browser.find(By.id("inventory-table")).getText()).contains("Apache Tomcat")
                .contains("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({behavior: 'instant'})",
                browser.find(By.id("inputs-h")));
        browser.screenshot("systems-detail-inputs");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({behavior: 'instant'})",
                browser.find(By.id("inventory-h")));
        browser.screenshot("systems-detail-inventory");
        String systemPath = browser.path().replaceAll("^(/systems/[^/?]+).*$", "$1");

        // the editor: a malformed Package URL is refused on its row, the rest of the input stays
        browser.open(systemPath + "/inventory");
        browser.find(By.id("rows4-product")).sendKeys("OpenSSL");
        browser.find(By.id("rows4-purl")).sendKeys("openssl@1.1.1k");
        browser.find(By.id("rows4-product")).submit();
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#inventory-editor .is-invalid")).isEmpty());
        assertThat(browser.find(By.cssSelector("#inventory-editor .invalid-feedback")).getText())
                .contains("Package URL không hợp lệ");
        assertThat(browser.find(By.id("rows4-product")).getAttribute("value")).isEqualTo("OpenSSL");
        browser.screenshot("systems-inventory-editor-error");
        browser.assertNoConsoleErrors();
        WebElement purl = browser.find(By.id("rows4-purl"));
        purl.clear();
        purl.sendKeys("pkg:generic/openssl@1.1.1k");
        browser.find(By.id("rows4-cpe")).sendKeys("cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*");
        browser.driver().findElements(By.cssSelector("#inventory-editor input[type=checkbox]")).get(3)
                .sendKeys(org.openqa.selenium.Keys.SPACE);
        browser.find(By.id("rows4-product")).submit();
        browser.waitUntil(d -> !d.findElements(By.id("inventory-table")).isEmpty());
        assertThat(browser.find(By.cssSelector(".alert-success")).getText()).contains("4 thành phần");
        assertThat(browser.find(By.id("inventory-table")).getText()).contains("OpenSSL").doesNotContain("lodash");
        // editing keeps every field and bumps the version behind the scenes
        browser.open(systemPath + "/edit");
        assertThat(browser.find(By.id("ownerCode")).getAttribute("value")).isEqualTo(f.province.code());
        assertThat(browser.find(By.id("ipRanges")).getAttribute("value")).isEqualTo("203.0.113.48/29");
        WebElement name = browser.find(By.id("name"));
        name.clear();
        name.sendKeys("Hệ thống một cửa điện tử liên thông cấp xã");
        name.submit();
        browser.waitUntil(d -> !d.findElements(By.id("security-unit")).isEmpty());
        assertThat(browser.find(By.cssSelector(".alert-success")).getText()).isEqualTo("Đã lưu thay đổi.");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Hệ thống một cửa điện tử liên thông cấp xã");
        browser.open(systemPath + "?lang=en");
        assertThat(browser.find(By.id("inputs-h")).getText()).isEqualTo("Level inputs (Decree 85/2016 Art 7-11)");
        browser.open("/systems?lang=vi");
        browser.assertNoConsoleErrors();
        Files.deleteIfExists(csv);
        Files.deleteIfExists(sbom);
    }
}
