package vn.attthub.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Circular 03/2017/TT-BTTTT Art 3 (and Annex, "mật khẩu phức tạp"): more than 8 characters, mixing upper case,
 * lower case, digits and special characters.
 */
class PasswordPolicyTests {
    @ParameterizedTest(name = "{0} -> accepted={1}")
    @CsvSource(delimiter = '|', textBlock = """
            Demo@ATTT2026        | true  | exactly the demo password
            Abcdef1!x            | true  | 9 characters: the shortest that is more than 8
            Abcde1!x             | false | 8 characters is not more than 8
            abcdefg1!x           | false | no upper case
            ABCDEFG1!X           | false | no lower case
            Abcdefgh!x           | false | no digit
            Abcdefgh1x           | false | no special character
            Kiem-Thu#2026x       | true  | dash and hash are special characters
            Ngân-Hàng#2026       | true  | Vietnamese letters count as letters
            nguyenvan.A1#x       | false | contains the username
            """)
    void complexPasswordRule(String password, boolean accepted, String why) {
        assertThat(PasswordPolicy.check(password, "nguyenvan.a1")).as(why).matches(p -> p.isEmpty() == accepted);
    }

    @ParameterizedTest
    @CsvSource({"''", "' '"})
    void blankIsRefused(String password) {
        assertThat(PasswordPolicy.check(password, "x")).isPresent();
    }

    @org.junit.jupiter.api.Test
    void nullAndOverlongAreRefused() {
        assertThat(PasswordPolicy.check(null, "x")).isPresent();
        assertThat(PasswordPolicy.check("Aa1!" + "x".repeat(130), "user")).isPresent();
    }
}
