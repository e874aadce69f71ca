package vn.attthub.organisation;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;

import vn.attthub.shared.DemoData;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Demo data a new user can explore at once: the national bodies before and after the 2025 reorganisation, the real
 * list of provinces before and after the 2025 merger (with successions), and three provinces and ministries with
 * their security and incident-response units and contacts. Loaded once ({@code attt.demo-data}: {@code auto} loads it
 * only into the embedded database), every row flagged {@code demo}; then {@link DemoAgenciesLoaded} is published so
 * that other modules add their demo data. Codes are listed in {@code docs/demo-data.md} and are a contract.
 */
@Component
@Order(10)
class DemoAgencies implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoAgencies.class);
    /** Long-standing agencies start on the day the 63-province map took effect; earlier history is not modelled. */
    static final LocalDate LONG_STANDING = LocalDate.of(2008, 8, 1);
    static final LocalDate MIC_TRANSFER = LocalDate.of(2025, 3, 1);
    static final String ND85_OWNER = "Nghị định 85/2016/NĐ-CP Điều 3.1";
    static final String MERGER_2025 = "Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh (hiệu lực 01/07/2025)";
    static final String HUE_2025 = "Nghị quyết 175/2024/QH15 thành lập thành phố Huế trực thuộc trung ương (hiệu lực 01/01/2025)";
    static final String GOV_STRUCTURE_2025 = "Nghị quyết 176/2025/QH15 về cơ cấu tổ chức của Chính phủ (hợp nhất Bộ TT&TT vào Bộ KH&CN từ 01/03/2025)";
    static final String MPS_TRANSFER = "Chuyển giao quản lý nhà nước về an toàn thông tin mạng từ Bộ Thông tin và Truyền thông "
            + "sang Bộ Công an từ 01/03/2025";

    private final JdbcClient jdbc;
    private final Agencies agencies;
    private final AgencyRoles roles;
    private final AgencyContacts contacts;
    private final RootAgency root;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final DemoData demoData;

    DemoAgencies(JdbcClient jdbc, Agencies agencies, AgencyRoles roles, AgencyContacts contacts, RootAgency root,
                 AuditLog audit, ApplicationEventPublisher events, TransactionTemplate tx,
                 DemoData demoData) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.roles = roles;
        this.contacts = contacts;
        this.root = root;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.demoData = demoData;
    }

    boolean enabled() {
        return demoData.enabled();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled()) {
            return;
        }
        Boolean loaded = tx.execute(status -> load());
        if (Boolean.TRUE.equals(loaded)) {
            log.info("Demo data: agencies loaded (codes in docs/demo-data.md); set attt.demo-data=false to skip");
        }
    }

    /** Loads the demo agencies unless they are already there; true when it loaded them. */
    boolean load() {
        boolean present = jdbc.sql("SELECT EXISTS (SELECT 1 FROM agency WHERE demo)").query(Boolean.class).single();
        if (present) {
            return false;
        }
        root.ensure();
        Builder b = new Builder();
        int provinces = provinces(b);
        national(b);
        for (String p : List.of("T-HA-NOI", "T-LAO-CAI", "T-TAY-NINH")) {
            provinceUnits(b, p);
        }
        contacts(b);
        audit.recordFor(null, "system", AuditEntry.success("agency.demo-loaded", "agency", null,
                b.get(RootAgency.CODE).agencyId(), Map.of("agencies", b.created, "provinceRows", provinces)));
        events.publishEvent(new DemoAgenciesLoaded());
        return true;
    }

    /** The 2025 provincial merger from the real list (src/main/resources/demo/provinces-2025-merger.csv). */
    private int provinces(Builder b) {
        List<CSVRecord> rows;
        try (Reader reader = new InputStreamReader(new ClassPathResource("demo/provinces-2025-merger.csv").getInputStream(),
                StandardCharsets.UTF_8)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get()
                    .parse(reader).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the new or unchanged units first, so that the ended ones can name them as successors
        for (CSVRecord r : rows) {
            boolean ended = StringUtils.hasText(r.get("valid_to"));
            if (r.get("era").equals("2025") || !ended) {
                LocalDate from = StringUtils.hasText(r.get("valid_from")) ? LocalDate.parse(r.get("valid_from"))
                        : LONG_STANDING;
                province(b, "T-" + slug(r.get("name")), r.get("name"), r.get("kind"), from, null, "");
            }
        }
        for (CSVRecord r : rows) {
            if (r.get("era").equals("pre-2025") && StringUtils.hasText(r.get("valid_to"))) {
                LocalDate to = LocalDate.parse(r.get("valid_to"));
                Agency old = province(b, "T-" + slug(r.get("name")) + "-2025CU", r.get("name"), r.get("kind"),
                        LONG_STANDING, to, " (đến " + Dates.display(to) + ")");
                String successorName = r.get("successor").replaceAll("\\s*\\(.*\\)$", "");
                Agency successor = b.get("T-" + slug(successorName));
                jdbc.sql("""
                                INSERT INTO agency_succession (predecessor_id, successor_id, effective_on, legal_basis)
                                VALUES (:p, :s, :on, :basis)""")
                        .param("p", old.id()).param("s", successor.id()).param("on", to.plusDays(1))
                        .param("basis", to.getYear() == 2024 ? HUE_2025 : MERGER_2025).update();
            }
        }
        return rows.size();
    }

    private Agency province(Builder b, String code, String name, String kind, LocalDate from, LocalDate to,
                            String suffix) {
        boolean city = kind.equals("CITY");
        Agency a = b.add(code, (city ? "UBND thành phố " : "UBND tỉnh ") + name + suffix,
                "People's Committee of " + ascii(name) + (city ? " City" : " Province"),
                city ? AgencyKind.CITY : AgencyKind.PROVINCE, RootAgency.CODE, from, to);
        role(b, code, AgencyRoleKind.SYSTEM_OWNER, null, from, to, ND85_OWNER + " (Ủy ban nhân dân cấp tỉnh)");
        return a;
    }

    private void national(Builder b) {
        LocalDate micEnd = MIC_TRANSFER.minusDays(1);
        b.add("BCA", "Bộ Công an", "Ministry of Public Security", AgencyKind.MINISTRY, "CP", LONG_STANDING, null);
        b.add("BCA-A05", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
                "Department of Cybersecurity and High-tech Crime Prevention", AgencyKind.DEPARTMENT, "BCA",
                LONG_STANDING, null);
        b.add("BCA-TTANM", "Trung tâm An ninh mạng quốc gia", "National Cybersecurity Center", AgencyKind.UNIT,
                "BCA-A05", LONG_STANDING, null);
        b.add("BTTTT", "Bộ Thông tin và Truyền thông", "Ministry of Information and Communications",
                AgencyKind.MINISTRY, "CP", LONG_STANDING, micEnd);
        b.add("BTTTT-CATTT", "Cục An toàn thông tin", "Authority of Information Security", AgencyKind.DEPARTMENT,
                "BTTTT", LONG_STANDING, micEnd);
        b.add("BTTTT-VNCERT", "Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)",
                "Vietnam Computer Emergency Response Team (VNCERT/CC)", AgencyKind.UNIT, "BTTTT-CATTT",
                LONG_STANDING, micEnd);
        b.add("BKHCN", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology", AgencyKind.MINISTRY, "CP",
                LONG_STANDING, null);
        b.add("BYT", "Bộ Y tế", "Ministry of Health", AgencyKind.MINISTRY, "CP", LONG_STANDING, null);
        b.add("BYT-CNTT", "Cục Công nghệ thông tin (Bộ Y tế)", "Department of Information Technology (Ministry of Health)",
                AgencyKind.DEPARTMENT, "BYT", LONG_STANDING, null);
        b.add("VNPT-IDC", "Công ty Dịch vụ dữ liệu VNPT (VNPT-IDC, dữ liệu mẫu)", "VNPT Data Services (VNPT-IDC, demo)",
                AgencyKind.ENTERPRISE, "CP", LONG_STANDING, null);
        jdbc.sql("""
                        INSERT INTO agency_succession (predecessor_id, successor_id, effective_on, legal_basis)
                        VALUES (:p, :s, :on, :basis)""")
                .param("p", b.get("BTTTT").id()).param("s", b.get("BKHCN").id()).param("on", MIC_TRANSFER)
                .param("basis", GOV_STRUCTURE_2025).update();

        for (String ministry : List.of("BCA", "BKHCN", "BYT")) {
            role(b, ministry, AgencyRoleKind.SYSTEM_OWNER, null, LONG_STANDING, null, ND85_OWNER);
        }
        role(b, "BTTTT", AgencyRoleKind.SYSTEM_OWNER, null, LONG_STANDING, micEnd, ND85_OWNER);
        // National roles before 01/03/2025: the Ministry of Information and Communications' bodies.
        role(b, "BTTTT-CATTT", AgencyRoleKind.NATIONAL_APPRAISAL_AUTHORITY, null, LocalDate.of(2016, 7, 1), micEnd,
                "Nghị định 85/2016/NĐ-CP Điều 12");
        role(b, "BTTTT-CATTT", AgencyRoleKind.STANDING_BODY, null, LocalDate.of(2017, 3, 16), micEnd,
                "Quyết định 05/2017/QĐ-TTg Điều 4");
        role(b, "BTTTT-VNCERT", AgencyRoleKind.NATIONAL_COORDINATOR, null, LocalDate.of(2017, 3, 16), micEnd,
                "Quyết định 05/2017/QĐ-TTg Điều 7.3");
        role(b, "BTTTT-VNCERT", AgencyRoleKind.IR_NETWORK_MEMBER, null, LocalDate.of(2017, 3, 16), micEnd,
                "Quyết định 05/2017/QĐ-TTg Điều 7.1.b");
        // From 01/03/2025: the Ministry of Public Security.
        role(b, "BCA-A05", AgencyRoleKind.NATIONAL_APPRAISAL_AUTHORITY, null, MIC_TRANSFER, null, MPS_TRANSFER);
        role(b, "BCA-A05", AgencyRoleKind.STANDING_BODY, null, MIC_TRANSFER, null, MPS_TRANSFER);
        role(b, "BCA-A05", AgencyRoleKind.IR_NETWORK_MEMBER, null, LocalDate.of(2018, 1, 1), null,
                "Quyết định 05/2017/QĐ-TTg Điều 7.1.c");
        role(b, "BCA-TTANM", AgencyRoleKind.NATIONAL_COORDINATOR, null, MIC_TRANSFER, null, MPS_TRANSFER);
        for (AgencyRoleKind k : List.of(AgencyRoleKind.SECURITY_UNIT, AgencyRoleKind.IR_UNIT, AgencyRoleKind.IT_UNIT)) {
            role(b, "BYT-CNTT", k, "BYT", LONG_STANDING, null, basisOf(k));
        }
        role(b, "BYT-CNTT", AgencyRoleKind.IR_NETWORK_MEMBER, null, LocalDate.of(2017, 3, 16), null,
                "Quyết định 05/2017/QĐ-TTg Điều 7.1.a");
        role(b, "VNPT-IDC", AgencyRoleKind.SERVICE_PROVIDER, null, LONG_STANDING, null,
                "Quyết định 05/2017/QĐ-TTg Điều 7.4");
        role(b, "VNPT-IDC", AgencyRoleKind.IR_NETWORK_MEMBER, null, LocalDate.of(2017, 3, 16), null,
                "Quyết định 05/2017/QĐ-TTg Điều 7.1.d");
    }

    static String basisOf(AgencyRoleKind k) {
        return switch (k) {
            case SECURITY_UNIT -> "Nghị định 85/2016/NĐ-CP Điều 3.5";
            case IT_UNIT -> "Nghị định 85/2016/NĐ-CP Điều 3.4";
            case IR_UNIT -> "Quyết định 05/2017/QĐ-TTg Điều 6";
            case IR_NETWORK_MEMBER -> "Quyết định 05/2017/QĐ-TTg Điều 7.1.a";
            default -> ND85_OWNER;
        };
    }

    private void provinceUnits(Builder b, String p) {
        Agency province = b.get(p);
        String place = province.name().replaceFirst("^UBND ", "");
        LocalDate from = province.validFrom();
        b.add(p + "-SKHCN", "Sở Khoa học và Công nghệ " + place, "Department of Science and Technology",
                AgencyKind.DEPARTMENT, p, from, null);
        b.add(p + "-VP", "Văn phòng UBND " + place, "Office of the People's Committee", AgencyKind.UNIT, p, from, null);
        b.add(p + "-SYT", "Sở Y tế " + place, "Department of Health", AgencyKind.DEPARTMENT, p, from, null);
        b.add(p + "-XA1", "UBND xã Demo 1 (" + place + ")", "Demo Commune 1", AgencyKind.COMMUNE, p, from, null);
        // Sở TT&TT merged into Sở KH&CN from 01/03/2025, which took over its security and IT functions.
        LocalDate rolesFrom = from.isBefore(MIC_TRANSFER) ? MIC_TRANSFER : from;
        for (AgencyRoleKind k : List.of(AgencyRoleKind.SECURITY_UNIT, AgencyRoleKind.IR_UNIT, AgencyRoleKind.IT_UNIT)) {
            role(b, p + "-SKHCN", k, p, rolesFrom, null, basisOf(k));
        }
        role(b, p + "-SKHCN", AgencyRoleKind.IR_NETWORK_MEMBER, null, rolesFrom, null, basisOf(AgencyRoleKind.IR_NETWORK_MEMBER));
    }

    private void contacts(Builder b) {
        String[] family = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"};
        String[] given = {"Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Huy", "Ngọc Lan", "Hữu Nam",
                "Thanh Phương", "Gia Quân", "Kim Thoa"};
        Map<ContactKind, String> positions = Map.of(ContactKind.HEAD, "Thủ trưởng cơ quan",
                ContactKind.SECURITY_FOCAL_POINT, "Chuyên viên đầu mối an toàn thông tin",
                ContactKind.IR_CONTACT_24X7, "Trực ứng cứu sự cố 24/7");
        List<String> key = List.of("BCA-A05", "BCA-TTANM", "BYT", "BYT-CNTT", "BKHCN", "T-HA-NOI", "T-HA-NOI-SKHCN",
                "T-LAO-CAI", "T-LAO-CAI-SKHCN", "T-TAY-NINH", "T-TAY-NINH-SKHCN", "VNPT-IDC");
        int n = 0;
        for (String code : key) {
            Agency a = b.get(code);
            for (ContactKind kind : ContactKind.values()) {
                String name = family[n % family.length] + " " + given[(n * 7 + 3) % given.length];
                String phone = String.format("024 3%03d %04d", 100 + n * 13 % 900, 1000 + n * 37 % 9000);
                String email = kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "."
                        + code.toLowerCase(Locale.ROOT) + "@example.gov.vn";
                contacts.record(a, kind, new AgencyContacts.Change(name, positions.get(kind), phone, email),
                        null, "system (demo)", true);
                n++;
            }
        }
    }

    private void role(Builder b, String code, AgencyRoleKind kind, String forCode, LocalDate from, LocalDate to,
                      String basis) {
        roles.insert(b.get(code), new AgencyRoles.Grant(kind.name(), forCode == null ? null : b.get(forCode).id(),
                from, to, basis), null, true);
    }

    /** Upper-case ASCII slug: diacritics removed, Đ→D, every run of other characters → '-'. */
    static String slug(String name) {
        return ascii(name).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("^-|-$", "");
    }

    static String ascii(String s) {
        String replaced = s.replace('Đ', 'D').replace('đ', 'd');
        return Normalizer.normalize(replaced, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /** Keeps the agencies created so far by code, so that later rows can name their parents. */
    private final class Builder {
        private final Map<String, Agency> byCode = new LinkedHashMap<>();
        int created;

        Agency get(String code) {
            return byCode.computeIfAbsent(code, c -> agencies.findByCode(c)
                    .orElseThrow(() -> new IllegalStateException("demo agency " + c + " missing")));
        }

        Agency add(String code, String name, String nameEn, AgencyKind kind, String parentCode, LocalDate from,
                   LocalDate to) {
            Agency parent = get(parentCode);
            UUID id = UUID.randomUUID();
            Agency a = new Agency(id, code, name, nameEn, kind, parent.id(), Agency.pathOf(parent.path(), id),
                    parent.depth() + 1, null, from, to, 0, true);
            List<vn.attthub.shared.InvalidInputException.FieldError> errors = AgencyRules.check(
                    new AgencyDraft(code, name, nameEn, kind.name(), parent.id(), null, from, to), parent, null);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("demo agency " + code + ": " + errors);
            }
            agencies.insert(a, true);
            byCode.put(code, a);
            created++;
            return a;
        }
    }
}
