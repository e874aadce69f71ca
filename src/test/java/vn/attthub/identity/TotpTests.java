package vn.attthub.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTests {
    static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234"
            .getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B test vectors (8 digits, T0 = 0, X = 30 s). */
    @ParameterizedTest(name = "T={0}s {2}")
    @CsvSource({
            "59,          94287082, HmacSHA1",
            "59,          46119246, HmacSHA256",
            "59,          90693936, HmacSHA512",
            "1111111109,  07081804, HmacSHA1",
            "1111111109,  68084774, HmacSHA256",
            "1111111109,  25091201, HmacSHA512",
            "1111111111,  14050471, HmacSHA1",
            "1111111111,  67062674, HmacSHA256",
            "1111111111,  99943326, HmacSHA512",
            "1234567890,  89005924, HmacSHA1",
            "1234567890,  91819424, HmacSHA256",
            "1234567890,  93441116, HmacSHA512",
            "2000000000,  69279037, HmacSHA1",
            "2000000000,  90698825, HmacSHA256",
            "2000000000,  38618901, HmacSHA512",
            "20000000000, 65353130, HmacSHA1",
            "20000000000, 77737706, HmacSHA256",
            "20000000000, 47863826, HmacSHA512"})
    void rfc6238Vectors(long seconds, String expected, String algorithm) {
        byte[] seed = switch (algorithm) {
            case "HmacSHA256" -> SHA256_SEED;
            case "HmacSHA512" -> SHA512_SEED;
            default -> SHA1_SEED;
        };
        assertThat(Totp.code(seed, Totp.step(Instant.ofEpochSecond(seconds)), 8, algorithm)).isEqualTo(expected);
    }

    @Test
    void sixDigitCodesAreTheLastDigitsOfTheRfcVectors() {
        String secret = Totp.base32(SHA1_SEED);
        assertThat(Totp.code(secret, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.decodeBase32("MZXW6YTBOI")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.base32(Totp.decodeBase32(secret))).isEqualTo(secret);
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndNoMore() {
        String secret = Totp.newSecret();
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);
        assertThat(Totp.verify(secret, Totp.code(secret, now), now, 0)).isEqualTo(OptionalLong.of(step));
        assertThat(Totp.verify(secret, Totp.code(secret, now.minusSeconds(30)), now, 0)).isEqualTo(OptionalLong.of(step - 1));
        assertThat(Totp.verify(secret, Totp.code(secret, now.plusSeconds(30)), now, 0)).isEqualTo(OptionalLong.of(step + 1));
        assertThat(Totp.verify(secret, Totp.code(secret, now.minusSeconds(90)), now, 0)).isEmpty();
        assertThat(Totp.verify(secret, Totp.code(secret, now.plusSeconds(90)), now, 0)).isEmpty();
    }

    @Test
    void aCodeOfAnAlreadyUsedStepIsRefused() {
        String secret = Totp.newSecret();
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        String code = Totp.code(secret, now);
        long used = Totp.verify(secret, code, now, 0).orElseThrow();
        assertThat(Totp.verify(secret, code, now, used)).as("replay in the same window").isEmpty();
        assertThat(Totp.verify(secret, Totp.code(secret, now.minusSeconds(30)), now, used)).as("older step").isEmpty();
        assertThat(Totp.verify(secret, Totp.code(secret, now.plusSeconds(30)), now, used)).isPresent();
    }

    @Test
    void rejectsMalformedCodes() {
        String secret = Totp.newSecret();
        Instant now = Instant.now();
        assertThat(Totp.verify(secret, null, now, 0)).isEmpty();
        assertThat(Totp.verify(secret, "12345", now, 0)).isEmpty();
        assertThat(Totp.verify(secret, "abcdef", now, 0)).isEmpty();
        String code = Totp.code(secret, now);
        assertThat(Totp.verify(secret, code.substring(0, 3) + " " + code.substring(3), now, 0)).isPresent();
    }
}
