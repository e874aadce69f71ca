package vn.attthub.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginLockoutTests {
    @ParameterizedTest(name = "{0} failures -> {1} s")
    @CsvSource({
            "0, 0", "1, 0", "4, 0",
            "5, 60", "6, 120", "7, 240", "8, 480", "9, 960", "10, 1920",
            "11, 3600", "12, 3600", "50, 3600", "2147483647, 3600"})
    void locksAfterFiveFailuresDoublingUpToAnHour(int failures, long seconds) {
        assertThat(LoginLockout.lockAfter(failures).map(Duration::toSeconds).orElse(0L)).isEqualTo(seconds);
    }
}
