package vn.attthub.incident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.DemoData;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Demo data of the network side (demo mode only, docs/demo-data.md), loaded after {@link DemoIncidents}: three
 * alerts from a SOC (one new, one merged into the Lào Cai DDoS case, one promoted to its own case) so {@code /alerts}
 * is not empty; a lessons-learned note on the closed Ministry of Health phishing case, published to the network in
 * its sanitised form; and the Form 05 report of the Ministry of Health IT centre for the current period, filed and
 * signed with its demo certificate.
 */
@Component
@Order(111)
class DemoNetworkData implements ApplicationRunner {
    static final String SOC = "SOC-VNPT-IDC";
    private static final Logger log = LoggerFactory.getLogger(DemoNetworkData.class);
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final InformationSystems systems;
    private final AgencyDirectory agencies;
    private final Incidents incidents;
    private final IncidentViews views;
    private final IncidentLessons lessons;
    private final MemberReports memberReports;
    private final TransactionTemplate tx;
    private final DemoData demoData;

    DemoNetworkData(JdbcClient jdbc, JsonMapper json, InformationSystems systems, AgencyDirectory agencies,
                    Incidents incidents, IncidentViews views, IncidentLessons lessons, MemberReports memberReports,
                    TransactionTemplate tx, DemoData demoData) {
        this.jdbc = jdbc;
        this.json = json;
        this.systems = systems;
        this.agencies = agencies;
        this.incidents = incidents;
        this.views = views;
        this.lessons = lessons;
        this.memberReports = memberReports;
        this.tx = tx;
        this.demoData = demoData;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demoData.enabled()) return;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> made = new ArrayList<>();
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM alert WHERE source = :s)").param("s", SOC).query(Boolean.class).single()) {
            step(() -> made.add(alerts(now)));
        }
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM incident_lesson WHERE demo)").query(Boolean.class).single()) {
            step(() -> made.add(lesson(now)));
        }
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM member_report WHERE demo)").query(Boolean.class).single()) {
            step(() -> made.add(memberReport(now)));
        }
        if (!made.isEmpty()) log.info("Demo data: network {}", made);
    }

    private void step(Runnable r) {
        try {
            tx.executeWithoutResult(status -> r.run());
        } catch (RuntimeException e) {
            log.warn("Demo network data skipped: {}", e.getMessage());
        }
    }

    private AgencyId agency(String code) {
        return agencies.findByCode(code).map(AgencySummary::id)
                .orElseThrow(() -> new IllegalStateException("demo agency " + code + " is missing"));
    }

    private UUID demoCase(String category) {
        return jdbc.sql("SELECT id FROM incident WHERE demo AND category = :c ORDER BY reported_at LIMIT 1")
                .param("c", category).query(UUID.class).optional()
                .orElseThrow(() -> new IllegalStateException("demo incident " + category + " is missing"));
    }

    private UUID alert(AgencyId agency, String ref, String title, String description, String hint, Instant detected,
                       UUID system, List<Incidents.Observable> observables, Map<String, Object> raw, Instant seen,
                       int count, String status, UUID incident) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO alert (id, agency_id, source, source_ref, title, description, severity_hint,
                            detected_at, system_id, observables, raw, status, first_seen_at, last_seen_at, seen_count,
                            incident_id, handled_by, handled_at)
                        VALUES (:id, :agency, :source, :ref, :title, :description, :hint, :detected, :system,
                            CAST(:observables AS jsonb), CAST(:raw AS jsonb), :status, :first, :last, :count,
                            :incident, :by, :handled)""")
                .param("id", id).param("agency", agency.value()).param("source", SOC).param("ref", ref)
                .param("title", title).param("description", description).param("hint", hint)
                .param("detected", Timestamp.from(detected)).param("system", system, java.sql.Types.OTHER)
                .param("observables", json.writeValueAsString(observables)).param("raw", json.writeValueAsString(raw))
                .param("status", status).param("first", Timestamp.from(seen))
                .param("last", Timestamp.from(seen.plus(Duration.ofMinutes(5L * (count - 1)))))
                .param("count", count).param("incident", incident, java.sql.Types.OTHER)
                .param("by", incident == null ? null : "Đỗ Minh Ứng Cứu (dữ liệu mẫu)", java.sql.Types.VARCHAR)
                .param("handled", incident == null ? null : Timestamp.from(seen.plus(Duration.ofMinutes(30))),
                        java.sql.Types.TIMESTAMP)
                .update();
        return id;
    }

    private String alerts(Instant now) {
        AgencyId laoCai = agency("T-LAO-CAI-SKHCN");
        SystemSummary portal = systems.findByCode("HT-LAO-CAI-DVC").orElse(null);
        UUID portalId = portal == null ? null : portal.id();
        // 1. new: a port scan, still waiting for an analyst
        alert(laoCai, "VNPT-IDC-2026-48213", "Quét cổng hàng loạt vào dải máy chủ cổng dịch vụ công",
                "Suricata ET SCAN: 3 412 kết nối SYN tới 1 024 cổng trong 4 phút từ một địa chỉ nguồn.",
                "MEDIUM", now.minus(Duration.ofMinutes(50)), portalId,
                List.of(new Incidents.Observable("IP", "45.155.205.99", null)),
                Map.of("engine", "suricata", "signature", "ET SCAN Potential SSH Scan", "sid", 2001219),
                now.minus(Duration.ofMinutes(48)), 3, "NEW", null);
        // 2. merged: the SYN flood behind the demo DDoS case
        UUID ddos = demoCase("availability/ddos");
        Incidents.Actor analyst = new Incidents.Actor(null, "Đỗ Minh Ứng Cứu (dữ liệu mẫu)", laoCai);
        alert(laoCai, "VNPT-IDC-2026-48177", "Lưu lượng SYN flood vượt ngưỡng 10 Gbps tới cổng dịch vụ công",
                "NetFlow: 18 Gbps, 2,1 triệu gói/giây từ 6 800 địa chỉ nguồn, chủ yếu ngoài nước.", "HIGH",
                now.minus(Duration.ofMinutes(185)), portalId,
                List.of(new Incidents.Observable("IP", "198.51.100.23", null)),
                Map.of("engine", "netflow", "bps", 18_000_000_000L, "pps", 2_100_000),
                now.minus(Duration.ofMinutes(184)), 12, "MERGED", ddos);
        incidents.event(ddos, now.minus(Duration.ofMinutes(150)), analyst, "ALERT_MERGED", null, null,
                "Gộp cảnh báo " + SOC + " / VNPT-IDC-2026-48177: Lưu lượng SYN flood vượt ngưỡng 10 Gbps (ghi nhận 12 lần).");
        // 3. promoted: a suspicious admin login, now its own case
        Instant detected = now.minus(Duration.ofHours(26));
        Incidents.Notice notice = new Incidents.Notice(portalId, portalId == null ? "Cổng dịch vụ công tỉnh Lào Cai" : null,
                null, null, laoCai.value(), null, null, null, null,
                "Đăng nhập quản trị bất thường vào cổng dịch vụ công từ địa chỉ nước ngoài",
                "Tài khoản quản trị đăng nhập lúc 02:13 từ địa chỉ IP nước ngoài sau 40 lần sai mật khẩu.\n\n(Từ cảnh báo "
                        + SOC + " / VNPT-IDC-2026-47950, ghi nhận 2 lần.)",
                OffsetDateTime.ofInstant(detected, Incidents.ZONE).toString(), "intrusions/application-compromise",
                false, "AMBER", List.of(), null, null,
                List.of(new Incidents.Observable("IP", "185.220.101.4", null)));
        Instant promotedAt = now.minus(Duration.ofHours(25));
        UUID promoted = incidents.file(analyst, notice, portal, List.of(), promotedAt, true);
        alert(laoCai, "VNPT-IDC-2026-47950", "Đăng nhập quản trị thành công sau nhiều lần sai mật khẩu",
                "Wazuh rule 5712 rồi 5715: 40 lần sai, sau đó đăng nhập thành công tài khoản admin.", "HIGH",
                detected, portalId, List.of(new Incidents.Observable("IP", "185.220.101.4", null)),
                Map.of("engine", "wazuh", "rule", List.of(5712, 5715)), detected.plus(Duration.ofMinutes(2)), 2,
                "PROMOTED", promoted);
        incidents.event(promoted, promotedAt, analyst, "ALERT_PROMOTED", null, null,
                "Tạo từ cảnh báo " + SOC + " / VNPT-IDC-2026-47950.");
        return "alerts " + SOC;
    }

    private String lesson(Instant now) {
        UUID phishing = demoCase("fraud/phishing");
        IncidentViews.Row row = views.unscoped(phishing).orElseThrow();
        Incidents.Actor author = new Incidents.Actor(null, "Phan Thị Y Tế (dữ liệu mẫu)", agency("BYT-CNTT"));
        var l = lessons.write(author, row, "Thư giả mạo trang đăng nhập: bắt buộc xác thực hai lớp cho thư công vụ",
                "Kẻ tấn công đăng ký tên miền byt-gov-vn.example giống tên miền của Trung tâm Công nghệ thông tin, Bộ Y tế "
                        + "và gửi thư từ hotro@byt-gov-vn.example tới hơn 300 hộp thư. 6 người nhập mật khẩu vào trang "
                        + "giả mạo trong 2 giờ đầu.\n\nBài học: (1) bật xác thực hai lớp cho toàn bộ tài khoản thư công "
                        + "vụ; (2) giám sát đăng ký tên miền gần giống tên miền của cơ quan; (3) có kênh để người dùng báo "
                        + "thư nghi ngờ bằng một nút bấm; (4) chặn tên miền giả mạo ở DNS nội bộ ngay khi xác định.",
                now.minus(Duration.ofDays(5)), true);
        lessons.publish(author, row, l.id(), now.minus(Duration.ofDays(5)).plus(Duration.ofMinutes(20)));
        return "lesson " + row.reference();
    }

    private String memberReport(Instant now) {
        AgencyId byt = agency("BYT-CNTT");
        MemberReports.Period p = MemberReports.Period.current(LocalDate.ofInstant(now, Incidents.ZONE));
        Map<String, String> content = new LinkedHashMap<>();
        AgencySummary a = agencies.find(byt).orElseThrow();
        content.put("generalSituation", MemberReports.summary(a.nameVi(), p, memberReports.compile(byt, p))
                + " Sự cố đáng chú ý: chiến dịch thư giả mạo nhắm vào thư công vụ.");
        content.put("responseActivities", "Khóa tài khoản bị chiếm quyền, đặt lại mật khẩu, chặn tên miền giả mạo, "
                + "bật xác thực hai lớp.");
        content.put("networkActivities", "Tham gia diễn tập ứng cứu sự cố mạng lưới khu vực phía Bắc.");
        content.put("resources", "Đầu mối 24/7: Phòng An toàn thông tin, 5 cán bộ kỹ thuật.");
        content.put("proposals", "Đề nghị Cơ quan điều phối chia sẻ danh sách tên miền giả mạo cơ quan nhà nước.");
        memberReports.file(new Incidents.Actor(null, "Phan Thị Y Tế (dữ liệu mẫu)", byt), byt, p, content, now, true);
        return "member report BYT-CNTT " + p.year() + " " + p.kind();
    }
}
