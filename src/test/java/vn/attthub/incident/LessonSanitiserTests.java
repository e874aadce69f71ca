package vn.attthub.incident;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lessons-learned sanitiser (issue 4 §3 "published to the network as a sanitised note"): nothing identifying the
 * case or above TLP:GREEN may reach the network.
 */
class LessonSanitiserTests {
    static final LessonSanitiser.Known KNOWN = new LessonSanitiser.Known(
            List.of("Sở Y tế tỉnh Mẫu", "SYT-MAU"), List.of("Cổng dịch vụ công tỉnh Mẫu", "HT-MAU-DVC"),
            List.of("SC-2026-000123", "Nguyễn Văn Báo", "0912345678", "evil-payload.bin", "192.0.2.44"));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            // kind | input | expected output
            "IP          | Chặn 203.0.113.7 tại tường lửa           | Chặn [địa chỉ IP] tại tường lửa",
            "IP cidr     | Dải 198.51.100.0/24 bị chặn              | Dải [địa chỉ IP] bị chặn",
            "IPv6        | Nguồn 2001:db8::1 lạ                     | Nguồn [địa chỉ IP] lạ",
            "domain      | Tên miền evil-example.com giả mạo        | Tên miền [tên miền] giả mạo",
            "defanged    | Tên miền evil[.]example[.]net           | Tên miền [tên miền]",
            "IDN domain  | xn--bcher-kva.example lạ                 | [tên miền] lạ",
            "URL         | Trang https://x.example/login?a=1 lừa    | Trang [URL] lừa",
            "e-mail      | Thư từ hotro@byt-gov-vn.example tới      | Thư từ [thư điện tử] tới",
            "md5         | Mẫu 44d88612fea8a8f36de82e1278abb02f độc | Mẫu [mã băm] độc",
            "sha256      | e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | [mã băm]",
            "agency      | Sở Y tế tỉnh Mẫu đã xử lý                | [cơ quan] đã xử lý",
            "agency case | sở y tế tỉnh mẫu đã xử lý                | [cơ quan] đã xử lý",
            "agency code | Đơn vị SYT-MAU báo cáo                   | Đơn vị [cơ quan] báo cáo",
            "system      | Cổng dịch vụ công tỉnh Mẫu ngừng         | [hệ thống] ngừng",
            "system code | Hệ thống HT-MAU-DVC ngừng                | Hệ thống [hệ thống] ngừng",
            "reference   | Xem SC-2026-000123                       | Xem [mã sự cố]",
            "other ref   | Giống SC-2025-000045                     | Giống [mã sự cố]",
            "contact     | Anh Nguyễn Văn Báo, 0912345678            | Anh [đã ẩn], [đã ẩn]",
            "observable  | Tệp evil-payload.bin chạy lúc 08:10:00   | Tệp [tên miền] chạy lúc 08:10:00",
            "known IP    | Nguồn 192.0.2.44 và bạn đọc              | Nguồn [địa chỉ IP] và bạn đọc",
            "time kept   | Phát hiện lúc 08:10:00 ngày 05/01/2026   | Phát hiện lúc 08:10:00 ngày 05/01/2026",
            "article kept| Theo Điều 9.2.a Thông tư 20/2017        | Theo Điều 9.2.a Thông tư 20/2017",
            "bad IP kept | Phiên bản 999.1.1.1 của phần mềm         | Phiên bản 999.1.1.1 của phần mềm",
    })
    void sanitises(String kind, String input, String expected) {
        assertThat(LessonSanitiser.sanitise(input, KNOWN).text()).as(kind).isEqualTo(expected);
    }

    @Test
    void countsWhatItRemoved() {
        LessonSanitiser.Result r = LessonSanitiser.sanitise("Sở Y tế tỉnh Mẫu chặn 203.0.113.7 và 203.0.113.8, "
                + "tên miền evil.example", KNOWN);
        assertThat(r.removed()).containsEntry(LessonSanitiser.Kind.AGENCY, 1).containsEntry(LessonSanitiser.Kind.IP, 2)
                .containsEntry(LessonSanitiser.Kind.DOMAIN, 1);
        assertThat(r.total()).isEqualTo(4);
        assertThat(r.text()).doesNotContain("203.0.113", "evil", "Sở Y tế");
    }
}
