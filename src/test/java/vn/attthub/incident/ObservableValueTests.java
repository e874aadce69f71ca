package vn.attthub.incident;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 4 §3: observables deduplicated across cases need one canonical form per value. */
class ObservableValueTests {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            IP        | 192.168.1.10                          | 192.168.1.10
            ip        | ' 10.0.0.1 '                          | 10.0.0.1
            IP        | 2001:0DB8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
            IP        | 2001:db8:0:0:1:0:0:1                  | 2001:db8::1:0:0:1
            IP        | ::1                                   | ::1
            DOMAIN    | Example.VN                            | example.vn
            DOMAIN    | example.vn.                           | example.vn
            DOMAIN    | bộcôngan.vn                           | xn--bcngan-jxa6332d.vn
            URL       | HTTPS://Example.VN/Path?q=A           | https://example.vn/Path?q=A
            URL       | http://EXAMPLE.vn                     | http://example.vn/
            URL       | http://10.0.0.1:8080/x                | http://10.0.0.1:8080/x
            FILE_HASH | D41D8CD98F00B204E9800998ECF8427E      | d41d8cd98f00b204e9800998ecf8427e
            FILE_HASH | da39a3ee5e6b4b0d3255bfef95601890afd80709 | da39a3ee5e6b4b0d3255bfef95601890afd80709
            EMAIL     | Admin@Example.VN                      | Admin@example.vn
            """)
    void normalises(String type, String raw, String expected) {
        assertThat(ObservableValue.of(type, raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} rejected")
    @CsvSource(delimiter = '|', textBlock = """
            IP        | 256.1.1.1
            IP        | example.vn
            IP        | 1.2.3
            IP        | 2001:db8::g
            DOMAIN    | nodot
            DOMAIN    | -bad-.vn
            DOMAIN    | a..vn
            URL       | not a url
            URL       | /relative/path
            FILE_HASH | xyz
            FILE_HASH | d41d8cd98f00b204e9800998ecf8427
            EMAIL     | no-at-sign
            EMAIL     | a@b@c.vn
            EMAIL     | user@nodot
            """)
    void rejects(String type, String raw) {
        assertThatThrownBy(() -> ObservableValue.of(type, raw)).isInstanceOf(ObservableValue.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource({"d41d8cd98f00b204e9800998ecf8427e,md5", "da39a3ee5e6b4b0d3255bfef95601890afd80709,sha1",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855,sha256"})
    void hashAlgorithmByLength(String hash, String algorithm) {
        assertThat(ObservableValue.of("FILE_HASH", hash).hashAlgorithm()).isEqualTo(algorithm);
    }
}
