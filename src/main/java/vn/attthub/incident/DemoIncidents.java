package vn.attthub.incident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.infosystem.InformationSystems;
import vn.attthub.infosystem.SystemSummary;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.shared.DemoData;
import vn.attthub.shared.AgencyId;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Demo incidents (demo mode only, docs/demo-data.md), in varied states so a new user sees the whole chain at once:
 * a fresh DDoS notice on the Lào Cai public-service portal with overdue acknowledgements, a serious ransomware case
 * being contained in the Tây Ninh data centre (escalated by the province's IR unit to the national coordinator, who
 * accepted and leads it), a phishing case on the Ministry of Health mail system that was
 * notified late and is closed on its final report, and a defacement of an unregistered commune site.
 */
@Component
@Order(110)
class DemoIncidents implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoIncidents.class);
    private final JdbcClient jdbc;
    private final InformationSystems systems;
    private final AgencyDirectory agencies;
    private final Incidents incidents;
    private final IncidentReports reports;
    private final IncidentViews views;
    private final AcknowledgementEscalation escalation;
    private final TransactionTemplate tx;
    private final DemoData demoData;
    private final IncidentShares shares;
    private final IncidentHandovers handovers;

    DemoIncidents(JdbcClient jdbc, InformationSystems systems, AgencyDirectory agencies, Incidents incidents,
                  IncidentReports reports, IncidentViews views, AcknowledgementEscalation escalation,
                  TransactionTemplate tx, DemoData demoData, IncidentShares shares, IncidentHandovers handovers) {
        this.shares = shares;
        this.handovers = handovers;
        this.jdbc = jdbc;
        this.systems = systems;
        this.agencies = agencies;
        this.incidents = incidents;
        this.reports = reports;
        this.views = views;
        this.escalation = escalation;
        this.tx = tx;
        this.demoData = demoData;
    }

    boolean enabled() {
        return demoData.enabled();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled()) return;
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM incident WHERE demo)").query(Boolean.class).single()) return;
        List<String> made = new ArrayList<>();
        Instant now = Instant.now();
        for (Runnable r : List.<Runnable>of(
                () -> made.add(ddos(now)), () -> made.add(ransomware(now)), () -> made.add(phishing(now)),
                () -> made.add(defacement(now)))) {
            try {
                tx.executeWithoutResult(status -> r.run());
            } catch (RuntimeException e) {
                log.warn("Demo incident skipped: {}", e.getMessage());
            }
        }
        escalation.escalate(now);
        log.info("Demo data: incidents {}", made);
    }

    private AgencyId agency(String code) {
        return agencies.findByCode(code).map(AgencySummary::id)
                .orElseThrow(() -> new IllegalStateException("demo agency " + code + " is missing"));
    }

    private SystemSummary system(String code) {
        return systems.findByCode(code).orElseThrow(() -> new IllegalStateException("demo system " + code + " is missing"));
    }

    private static Incidents.Actor actor(AgencyId agency, String name) {
        return new Incidents.Actor(null, name, agency);
    }

    private static String at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.ofHours(7)).toString();
    }

    private UUID file(Incidents.Actor reporter, SystemSummary s, String asset, String title, String description,
                      Instant detected, String category, boolean beyond, String tlp, List<String> impacts,
                      List<Incidents.Observable> observables, Instant filed) {
        Incidents.Notice n = new Incidents.Notice(s == null ? null : s.id(), asset, null, null, null, reporter.name(),
                "Cán bộ vận hành", "0243 000 0000", null, title, description, at(detected), category, beyond, tlp,
                impacts, "Đã khoanh vùng, theo dõi nhật ký.", "Đề nghị cơ quan điều phối hỗ trợ phân tích.",
                observables);
        return incidents.file(reporter, n, s, List.of(), filed, true);
    }

    private void move(UUID id, Incidents.Actor actor, Instant at, String to, String severity, String plan,
                      String reason) {
        IncidentViews.Row row = views.unscoped(id).orElseThrow();
        incidents.apply(actor, row, row.state(), IncidentState.valueOf(to),
                new Incidents.Transition(to, null, severity, plan, reason), at, views);
    }

    private String ddos(Instant now) {
        SystemSummary s = system("HT-LAO-CAI-DVC");
        Incidents.Actor op = actor(agency("T-LAO-CAI-SKHCN"), "Giàng Thị Vận Hành (dữ liệu mẫu)");
        UUID id = file(op, s, null, "Cổng dịch vụ công tỉnh bị tấn công từ chối dịch vụ phân tán",
                "Từ 07:45 lưu lượng tới cổng tăng lên 18 Gbps từ hàng nghìn địa chỉ IP nước ngoài; người dân không "
                        + "nộp được hồ sơ trực tuyến.", now.minus(Duration.ofHours(3)), "availability/ddos", true,
                "AMBER", List.of("SERVICE_DISRUPTION"),
                List.of(new Incidents.Observable("IP", "198.51.100.23", null),
                        new Incidents.Observable("IP", "203.0.113.77", null)), now.minus(Duration.ofMinutes(170)));
        reports.submit(op, views.unscoped(id).orElseThrow(), new IncidentReports.Submission("INITIAL", null,
                "Giàng Thị Vận Hành", "Cán bộ vận hành", "0214 000 0000", "vanhanh@laocai.gov.vn", "DDoS",
                "Lưu lượng 18 Gbps, tỷ lệ gói SYN bất thường", "Gián đoạn dịch vụ công trực tuyến 3 giờ",
                "Chỉ cổng dịch vụ công", "Người dân không nộp được hồ sơ", "VNPT",
                "Chặn dải IP nguồn, đề nghị nhà cung cấp lọc lưu lượng", "Chưa có", "Chưa khắc phục được",
                "Đề nghị cơ quan điều phối hỗ trợ", null, null, null, null), now.minus(Duration.ofMinutes(160)));
        return "HT-LAO-CAI-DVC";
    }

    private String ransomware(Instant now) {
        SystemSummary s = system("HT-TAY-NINH-TTDL");
        Incidents.Actor op = actor(agency("T-TAY-NINH-SKHCN"), "Trương Thị Vận Hành (dữ liệu mẫu)");
        Incidents.Actor coordinator = actor(agency("BCA-TTANM"), "Nguyễn Văn Điều Phối (dữ liệu mẫu)");
        Instant filed = now.minus(Duration.ofDays(2));
        UUID id = file(op, s, null, "Mã độc tống tiền mã hóa máy chủ ảo tại Trung tâm dữ liệu tỉnh",
                "Phát hiện 14 máy ảo bị mã hóa, tệp đòi tiền chuộc; nghi khai thác lỗ hổng vCenter.",
                filed.minus(Duration.ofHours(5)), "malicious-code/infected-system", true, "RED",
                List.of("SERVICE_DISRUPTION", "LOSS_OF_CONTROL"),
                List.of(new Incidents.Observable("FILE_HASH",
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", null),
                        new Incidents.Observable("IP", "198.51.100.23", null)), filed);
        jdbc.sql("UPDATE incident_recipient SET acknowledged_at = delivered_at + interval '20 minutes', "
                + "acknowledged_by = 'Dữ liệu mẫu' WHERE incident_id = ?").param(id).update();
        jdbc.sql("UPDATE incident_deadline SET satisfied_at = due_at - interval '100 minutes' WHERE incident_id = ? "
                + "AND kind = 'ACKNOWLEDGEMENT'").param(id).update();
        move(id, coordinator, filed.plus(Duration.ofHours(1)), "VERIFIED", null, null, null);
        move(id, coordinator, filed.plus(Duration.ofHours(2)), "CLASSIFIED", "SERIOUS", null,
                "Trung tâm dữ liệu cấp tỉnh mất quyền điều khiển, đơn vị không tự xử lý được (QĐ05 Điều 9).");
        // the province's IR unit led the case until it escalated the serious case to the national coordinator
        // (QD05 Art 7.3, 11.5, 14.2), which accepted and now leads it
        handovers.recordAccepted(id, HandoverRules.Kind.ESCALATION, agency("BCA-TTANM"),
                actor(agency("T-TAY-NINH-SKHCN"), "Lãnh đạo Sở KH&CN Tây Ninh (dữ liệu mẫu)"),
                filed.plus(Duration.ofMinutes(150)), "Sự cố nghiêm trọng, mất quyền điều khiển trung tâm dữ liệu tỉnh; "
                        + "vượt khả năng ứng cứu của tỉnh, đề nghị cơ quan điều phối quốc gia chủ trì.",
                coordinator, filed.plus(Duration.ofMinutes(170)), "Tiếp nhận, thành lập tổ ứng cứu khẩn cấp.");
        move(id, op, filed.plus(Duration.ofHours(3)), "RESPONDING", null, null, null);
        move(id, op, filed.plus(Duration.ofHours(20)), "CONTAINED", null, null, null);
        ransomwareTasks(id, op, coordinator, filed, now);
        return "HT-TAY-NINH-TTDL";
    }

    private String phishing(Instant now) {
        SystemSummary s = system("HT-BYT-EMAIL");
        Incidents.Actor op = actor(agency("BYT-CNTT"), "Phan Thị Y Tế (dữ liệu mẫu)");
        Incidents.Actor coordinator = actor(agency("BCA-TTANM"), "Nguyễn Văn Điều Phối (dữ liệu mẫu)");
        Instant filed = now.minus(Duration.ofDays(12));
        UUID id = file(op, s, null, "Chiến dịch thư giả mạo đánh cắp tài khoản thư công vụ",
                "Hơn 300 hộp thư nhận thư giả mạo trang đăng nhập; 6 tài khoản bị chiếm quyền.",
                filed.minus(Duration.ofDays(7)), "fraud/phishing", false, "GREEN", List.of(),
                List.of(new Incidents.Observable("DOMAIN", "byt-gov-vn.example", null),
                        new Incidents.Observable("EMAIL", "hotro@byt-gov-vn.example", null)), filed);
        jdbc.sql("UPDATE incident_recipient SET acknowledged_at = delivered_at + interval '30 minutes', "
                + "acknowledged_by = 'Dữ liệu mẫu' WHERE incident_id = ?").param(id).update();
        jdbc.sql("UPDATE incident_deadline SET satisfied_at = due_at - interval '90 minutes' WHERE incident_id = ? "
                + "AND kind = 'ACKNOWLEDGEMENT'").param(id).update();
        move(id, coordinator, filed.plus(Duration.ofHours(2)), "VERIFIED", null, null, null);
        move(id, coordinator, filed.plus(Duration.ofHours(3)), "CLASSIFIED", "NORMAL", null,
                "Đơn vị tự xử lý được (QĐ05 Điều 9.2).");
        move(id, op, filed.plus(Duration.ofHours(4)), "RESPONDING", null, null, null);
        move(id, op, filed.plus(Duration.ofDays(1)), "CONTAINED", null, null, null);
        move(id, op, filed.plus(Duration.ofDays(2)), "ERADICATED", null, null, null);
        move(id, op, filed.plus(Duration.ofDays(3)), "RECOVERED", null, null, null);
        reports.submit(op, views.unscoped(id).orElseThrow(), new IncidentReports.Submission("FINAL",
                "Đã khóa 6 tài khoản, đặt lại mật khẩu, chặn tên miền giả mạo, bật xác thực hai lớp.", null, null,
                null, null, null, null, null, null, null, null, null, null, null, null,
                "Người dùng nhập mật khẩu vào trang giả mạo", "Khôi phục hoàn toàn, không mất dữ liệu",
                "Bắt buộc xác thực hai lớp cho thư công vụ", null), filed.plus(Duration.ofDays(5)));
        move(id, coordinator, filed.plus(Duration.ofDays(6)), "CLOSED", null, null, null);
        // lessons for everyone: the closed phishing case goes to the national network under a TLP:GREEN cap
        shares.create(views.unscoped(id).orElseThrow(), coordinator, agency("BCA-TTANM"), "NETWORK", null, Tlp.GREEN,
                "Cảnh báo chiến dịch thư giả mạo tới các thành viên mạng lưới (dữ liệu mẫu).",
                filed.plus(Duration.ofDays(6)).plus(Duration.ofHours(1)));
        return "HT-BYT-EMAIL";
    }

    private String defacement(Instant now) {
        Incidents.Actor reporter = actor(agency("T-HA-NOI-SKHCN"), "Hoàng Thu An Toàn (dữ liệu mẫu)");
        UUID id = file(reporter, null, "Trang thông tin điện tử xã (xa-mau.hanoi.gov.vn, 203.0.113.15)",
                "Trang thông tin điện tử xã bị thay đổi giao diện",
                "Trang chủ bị thay bằng nội dung xuyên tạc; chưa xác định đơn vị vận hành.",
                now.minus(Duration.ofHours(6)), "information-content-security/unauthorised-information-modification",
                false, "CLEAR", List.of(), List.of(new Incidents.Observable("URL", "https://xa-mau.hanoi.gov.vn/", null),
                        new Incidents.Observable("IP", "198.51.100.23", null),
                        new Incidents.Observable("DOMAIN", "BYT-GOV-VN.example.", null)),
                now.minus(Duration.ofMinutes(40)));
        return "defacement " + id;
    }
    /** Tasks on the ransomware case (issue 4 §3): one done, one in progress, one open and overdue. */
    private void ransomwareTasks(UUID id, Incidents.Actor op, Incidents.Actor coordinator, Instant filed, Instant now) {
        demoTask(id, coordinator, op.agency(), "Cô lập 14 máy ảo bị mã hóa khỏi mạng quản trị",
                "Ngắt vSwitch quản trị, giữ nguyên ổ đĩa để phục vụ điều tra.", filed.plus(Duration.ofHours(2)),
                filed.plus(Duration.ofHours(6)), "DONE", filed.plus(Duration.ofHours(3)),
                "Đã cô lập 14 máy ảo lúc 14:10, chụp ảnh đĩa 3 máy tiêu biểu.");
        demoTask(id, coordinator, op.agency(), "Khôi phục máy chủ dịch vụ công từ bản sao lưu ngoại tuyến",
                "Kiểm tra bản sao lưu ngày trước sự cố, quét mã độc trước khi đưa vào vận hành.",
                filed.plus(Duration.ofHours(21)), now.plus(Duration.ofDays(1)), "IN_PROGRESS",
                filed.plus(Duration.ofHours(22)), null);
        demoTask(id, op, coordinator.agency(), "Phân tích mẫu mã độc và chỉ dấu xâm nhập vCenter",
                "Đối chiếu mã băm với cơ sở dữ liệu mã độc, xác định lỗ hổng bị khai thác.",
                filed.plus(Duration.ofHours(4)), now.minus(Duration.ofHours(6)), "OPEN", null, null);
    }

    private void demoTask(UUID incident, Incidents.Actor by, AgencyId owner, String title, String description,
                          Instant created, Instant due, String status, Instant stepAt, String note) {
        UUID task = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO incident_task (id, incident_id, title, description, owner_agency_id, due_at, status,
                            created_at, created_by, created_by_agency_id, started_at, started_by, completed_at,
                            completed_by, result_note)
                        VALUES (:id, :incident, :title, :description, :owner, :due, :status, :created, :by, :byAgency,
                            :started, :stepBy, :completed, :completedBy, :note)""")
                .param("id", task).param("incident", incident).param("title", title).param("description", description)
                .param("owner", owner.value()).param("due", Timestamp.from(due)).param("status", status)
                .param("created", Timestamp.from(created)).param("by", by.name())
                .param("byAgency", by.agency().value())
                .param("started", stepAt == null ? null : Timestamp.from(stepAt), java.sql.Types.TIMESTAMP)
                .param("stepBy", stepAt == null ? null : "Dữ liệu mẫu", java.sql.Types.VARCHAR)
                .param("completed", "DONE".equals(status) ? Timestamp.from(stepAt) : null, java.sql.Types.TIMESTAMP)
                .param("completedBy", "DONE".equals(status) ? "Dữ liệu mẫu" : null, java.sql.Types.VARCHAR)
                .param("note", note, java.sql.Types.VARCHAR).update();
        String ownerName = agencies.find(owner).map(AgencySummary::nameVi).orElse(owner.toString());
        incidents.event(incident, created, by, "TASK_CREATED", null, null,
                "Nhiệm vụ \"" + title + "\" giao " + ownerName + "; hạn " + IncidentPages.FMT.at(due) + ".");
        if (stepAt != null) {
            incidents.event(incident, stepAt, by, "DONE".equals(status) ? "TASK_DONE" : "TASK_STARTED", null, null,
                    "DONE".equals(status) ? "Hoàn thành nhiệm vụ \"" + title + "\": " + note
                            : "Bắt đầu thực hiện nhiệm vụ \"" + title + "\".");
        }
    }
}
