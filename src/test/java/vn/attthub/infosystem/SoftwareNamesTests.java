package vn.attthub.infosystem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CPE 2.3 (NISTIR 7695) and Package URL parsing of one inventory entry. */
class SoftwareNamesTests {
    static SoftwareNames.Result parse(String vendor, String product, String version, String cpe, String purl) {
        return SoftwareNames.parse(new SoftwareItem.Entry(vendor, product, version, cpe, purl));
    }

    @Test
    void parsesACpeAndFillsWhatWasNotWritten() {
        var r = parse(null, null, null, "cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_11:*:*:*:*:*:*",
                null);
        assertThat(r.ok()).isTrue();
        SoftwareItem i = r.item();
        assertThat(i.cpePart()).isEqualTo("a");
        assertThat(i.cpeVendor()).isEqualTo("microsoft");
        assertThat(i.cpeProduct()).isEqualTo("exchange_server");
        assertThat(i.cpeVersion()).isEqualTo("2019");
        assertThat(i.product()).isEqualTo("exchange server");
        assertThat(i.vendor()).isEqualTo("microsoft");
        assertThat(i.cpe()).startsWith("cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_11");
    }

    @Test
    void aCpeWithAnyVersionStoresNoVersion() {
        var r = parse("Microsoft", "Windows Server 2019", null, "cpe:2.3:o:microsoft:windows_server_2019:-:*:*:*:*:*:*:*",
                null);
        assertThat(r.ok()).isTrue();
        assertThat(r.item().cpePart()).isEqualTo("o");
        assertThat(r.item().cpeVersion()).isNull();
        assertThat(r.item().version()).isNull();
    }

    @Test
    void parsesAPackageUrl() {
        var r = parse(null, null, null, null, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        assertThat(r.ok()).isTrue();
        assertThat(r.item().purlType()).isEqualTo("maven");
        assertThat(r.item().purlNamespace()).isEqualTo("org.apache.logging.log4j");
        assertThat(r.item().purlName()).isEqualTo("log4j-core");
        assertThat(r.item().purlVersion()).isEqualTo("2.14.1");
        assertThat(r.item().product()).isEqualTo("log4j-core");
        assertThat(r.item().version()).isEqualTo("2.14.1");
        var npm = parse(null, null, null, null, "pkg:npm/lodash@4.17.20");
        assertThat(npm.item().purlNamespace()).isNull();
    }

    @Test
    void malformedNamesAreErrorsOfTheirField() {
        assertThat(parse(null, "x", null, "cpe:/a:apache:http_server:2.4.49", null).errors())
                .extracting(e -> e[0]).containsExactly("cpe");
        assertThat(parse(null, "x", null, "cpe:2.3:a:apache", null).errors()).extracting(e -> e[0])
                .containsExactly("cpe");
        assertThat(parse(null, "x", null, "cpe:2.3:a:*:*:1.0:*:*:*:*:*:*:*", null).errors()).extracting(e -> e[1])
                .first().asString().contains("nhà cung cấp và sản phẩm");
        assertThat(parse(null, "x", null, null, "log4j-core@2.14.1").errors()).extracting(e -> e[0])
                .containsExactly("purl");
        assertThat(parse("Vendor", null, "1.0", null, null).errors()).extracting(e -> e[0]).containsExactly("product");
        assertThat(parse(null, "x".repeat(301), null, null, null).errors()).extracting(e -> e[0])
                .containsExactly("product");
    }
}
