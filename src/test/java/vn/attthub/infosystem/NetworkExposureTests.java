package vn.attthub.infosystem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkExposureTests {
    @ParameterizedTest
    @CsvSource({
            "203.0.113.0/24, 203.0.113.0/24",
            "' 198.51.100.7 ', 198.51.100.7/32",
            "2001:db8::/32, 2001:db8::/32",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1/128",
            "2001:db8:10::/48, 2001:db8:10::/48"})
    void normalisesPublicRanges(String input, String expected) {
        assertThat(NetworkExposure.ipRange(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "172.16.0.0/12", "192.168.1.0/24", "127.0.0.1", "169.254.0.0/16",
            "224.0.0.0/4", "100.64.0.0/10", "0.0.0.0/0", "fc00::/7", "fe80::/10", "::1"})
    void refusesRangesThatAreNotPublic(String input) {
        assertThatThrownBy(() -> NetworkExposure.ipRange(input)).hasMessageContaining("không phải dải IP công khai");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.gov.vn", "256.1.1.1/32", "1.2.3/24", "203.0.113.0/33", "203.0.113.0/x",
            "2001:db8::/129", "1.2.3.4/-1"})
    void refusesMalformedRanges(String input) {
        assertThatThrownBy(() -> NetworkExposure.ipRange(input)).hasMessageContaining("CIDR");
    }

    @ParameterizedTest
    @CsvSource({"203.0.113.5/24, 203.0.113.0/24", "2001:db8::1/32, 2001:db8::/32"})
    void namesTheNetworkAddressWhenHostBitsAreSet(String input, String network) {
        assertThatThrownBy(() -> NetworkExposure.ipRange(input)).hasMessageContaining(network);
    }

    @ParameterizedTest
    @CsvSource({"DichVuCong.LaoCai.gov.vn, dichvucong.laocai.gov.vn", "mail.moh.gov.vn., mail.moh.gov.vn",
            "cổng.gov.vn, xn--cng-qmz.gov.vn"})
    void normalisesDomains(String input, String expected) {
        assertThat(NetworkExposure.domain(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "not a domain", "*.gov.vn", "-bad.gov.vn", "a..gov.vn", "203.0.113.1",
            "http://gov.vn"})
    void refusesBadDomains(String input) {
        assertThatThrownBy(() -> NetworkExposure.domain(input)).isInstanceOf(IllegalArgumentException.class);
    }
}
