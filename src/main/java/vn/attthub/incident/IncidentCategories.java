package vn.attthub.incident;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incident taxonomy: Vietnamese categories, each mapped to one entry of the ENISA Reference Security Incident
 * Taxonomy (RSIT, machine-readable file {@code incident/enisa-rsit-machinetag.json}, CC0). A category code is the
 * RSIT {@code predicate/value} (e.g. {@code availability/ddos}); the Vietnamese names are ours (Circular 20/2017 gives
 * no official attack-type list, DOMAIN.md §4.2).
 */
@Component
class IncidentCategories {
    private static final Map<String, String> CLASS_VI = Map.ofEntries(
            Map.entry("abusive-content", "Nội dung độc hại, lạm dụng"),
            Map.entry("malicious-code", "Mã độc"),
            Map.entry("information-gathering", "Thu thập thông tin"),
            Map.entry("intrusion-attempts", "Thử xâm nhập"),
            Map.entry("intrusions", "Xâm nhập"),
            Map.entry("availability", "Tấn công tính sẵn sàng"),
            Map.entry("information-content-security", "An toàn nội dung thông tin"),
            Map.entry("fraud", "Gian lận, lừa đảo"),
            Map.entry("vulnerable", "Điểm yếu, lỗ hổng"),
            Map.entry("other", "Khác"),
            Map.entry("test", "Kiểm thử"));
    private static final Map<String, String> ENTRY_VI = Map.ofEntries(
            Map.entry("spam", "Thư rác"),
            Map.entry("harmful-speech", "Phát ngôn gây hại, quấy rối"),
            Map.entry("violence", "Nội dung khiêu dâm trẻ em, bạo lực"),
            Map.entry("infected-system", "Hệ thống nhiễm mã độc"),
            Map.entry("c2-server", "Máy chủ điều khiển mã độc (C2)"),
            Map.entry("malware-distribution", "Phát tán mã độc"),
            Map.entry("malware-configuration", "Cấu hình mã độc"),
            Map.entry("scanner", "Rà quét"),
            Map.entry("sniffing", "Nghe lén"),
            Map.entry("social-engineering", "Tấn công phi kỹ thuật (social engineering)"),
            Map.entry("ids-alert", "Cảnh báo IDS"),
            Map.entry("brute-force", "Dò mật khẩu (brute force)"),
            Map.entry("exploit", "Khai thác lỗ hổng"),
            Map.entry("privileged-account-compromise", "Chiếm quyền tài khoản đặc quyền"),
            Map.entry("unprivileged-account-compromise", "Chiếm quyền tài khoản thường"),
            Map.entry("application-compromise", "Chiếm quyền ứng dụng"),
            Map.entry("system-compromise", "Chiếm quyền hệ thống"),
            Map.entry("burglary", "Xâm nhập vật lý"),
            Map.entry("dos", "Tấn công từ chối dịch vụ (DoS)"),
            Map.entry("ddos", "Tấn công từ chối dịch vụ phân tán (DDoS)"),
            Map.entry("misconfiguration", "Cấu hình sai gây gián đoạn"),
            Map.entry("sabotage", "Phá hoại"),
            Map.entry("outage", "Gián đoạn dịch vụ"),
            Map.entry("unauthorised-information-access", "Truy cập trái phép thông tin"),
            Map.entry("unauthorised-information-modification", "Sửa đổi trái phép thông tin (thay đổi giao diện)"),
            Map.entry("data-loss", "Mất dữ liệu"),
            Map.entry("data-leak", "Lộ, lọt dữ liệu"),
            Map.entry("unauthorised-use-of-resources", "Sử dụng trái phép tài nguyên"),
            Map.entry("copyright", "Vi phạm bản quyền"),
            Map.entry("masquerade", "Giả mạo"),
            Map.entry("phishing", "Lừa đảo trực tuyến (phishing)"),
            Map.entry("weak-crypto", "Mã hóa yếu"),
            Map.entry("ddos-amplifier", "Dịch vụ bị lợi dụng khuếch đại DDoS"),
            Map.entry("potentially-unwanted-accessible", "Dịch vụ không mong muốn truy cập được từ Internet"),
            Map.entry("information-disclosure", "Lộ thông tin hệ thống"),
            Map.entry("vulnerable-system", "Hệ thống có lỗ hổng"),
            Map.entry("undetermined", "Chưa xác định"),
            Map.entry("test", "Kiểm thử"));

    record Category(String code, String nameVi, String classVi, String enisaClass, String enisaType,
                    String enisaDescription) {
    }

    private final Map<String, Category> byCode;

    IncidentCategories(JsonMapper json) {
        Map<String, Category> map = new LinkedHashMap<>();
        try (InputStream in = new ClassPathResource("incident/enisa-rsit-machinetag.json").getInputStream()) {
            JsonNode root = json.readTree(in);
            Map<String, String> predicates = new LinkedHashMap<>();
            for (JsonNode p : root.get("predicates")) predicates.put(p.get("value").asString(), p.get("expanded").asString());
            for (JsonNode v : root.get("values")) {
                String predicate = v.get("predicate").asString();
                for (JsonNode e : v.get("entry")) {
                    String value = e.get("value").asString();
                    String code = predicate + "/" + value;
                    String vi = ENTRY_VI.getOrDefault(value, e.get("expanded").asString());
                    map.put(code, new Category(code, vi, CLASS_VI.getOrDefault(predicate, predicates.get(predicate)),
                            predicates.get(predicate), e.get("expanded").asString(),
                            e.has("description") ? e.get("description").asString() : null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.byCode = Map.copyOf(map);
        this.ordered = List.copyOf(new ArrayList<>(map.values()));
    }

    private final List<Category> ordered;

    List<Category> all() {
        return ordered;
    }

    Optional<Category> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.strip()));
    }
}
