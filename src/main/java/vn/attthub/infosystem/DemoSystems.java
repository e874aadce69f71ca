package vn.attthub.infosystem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.organisation.AgencyRoleKind;
import vn.attthub.organisation.AgencyRoles;
import vn.attthub.organisation.AgencySummary;
import vn.attthub.organisation.DemoAgenciesLoaded;
import vn.attthub.regime.ConstructionGrade;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.InfrastructureScope;
import vn.attthub.regime.SystemType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static vn.attthub.regime.InformationType.*;

/**
 * Demo systems for the demo agencies (codes are a contract, see {@code docs/demo-data.md}): a provincial public-service
 * portal, a document management system, an official e-mail system, a provincial data centre and the SCADA system of a
 * water plant, with realistic level inputs and software inventories naming real products (several listed in CISA's
 * Known Exploited Vulnerabilities catalog, so that early warnings have something to match). Created once, with the
 * demo agencies, flagged {@code demo}; no level is approved here (dossiers decide levels).
 */
@Component
class DemoSystems {
    private static final Logger log = LoggerFactory.getLogger(DemoSystems.class);

    record Demo(String code, String name, String description, String owner, String operator, SystemType type,
                EnumSet<InformationType> info, LevelCriteria criteria, LocalDate goLive, Hosting hosting,
                String providerCode, String providerName, List<String> domains, List<String> ranges,
                List<SoftwareItem.Entry> software) {
    }

    static SoftwareItem.Entry sw(String vendor, String product, String version, String cpe, String purl) {
        return new SoftwareItem.Entry(vendor, product, version, cpe, purl);
    }

    static final List<Demo> SYSTEMS = List.of(
            new Demo("HT-LAO-CAI-DVC", "Cổng dịch vụ công tỉnh Lào Cai",
                    "Cổng dịch vụ công và hệ thống thông tin giải quyết thủ tục hành chính của tỉnh: tiếp nhận hồ sơ "
                            + "trực tuyến toàn trình, thanh toán trực tuyến, tra cứu kết quả.",
                    "T-LAO-CAI", "T-LAO-CAI-SKHCN", SystemType.CITIZEN_BUSINESS_SERVICE,
                    EnumSet.of(PUBLIC, PRIVATE, PERSONAL),
                    new LevelCriteria(4, true, 185_000, null, false, false, null, false, false, null, false, false),
                    LocalDate.of(2025, 7, 1), Hosting.DATA_CENTRE, null, "Trung tâm dữ liệu tỉnh Lào Cai",
                    List.of("dichvucong.laocai.example.gov.vn", "motcua.laocai.example.gov.vn"),
                    List.of("203.0.113.32/28"),
                    List.of(sw("F5", "nginx", "1.20.1", "cpe:2.3:a:f5:nginx:1.20.1:*:*:*:*:*:*:*", null),
                            sw("Apache Software Foundation", "Apache Tomcat", "9.0.30",
                                    "cpe:2.3:a:apache:tomcat:9.0.30:*:*:*:*:*:*:*", null),
                            sw("Apache Software Foundation", "Apache Log4j Core", "2.14.1", null,
                                    "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"),
                            sw("VMware", "Spring Framework (spring-beans)", "5.3.17", null,
                                    "pkg:maven/org.springframework/spring-beans@5.3.17"),
                            sw("PostgreSQL Global Development Group", "PostgreSQL", "13.4",
                                    "cpe:2.3:a:postgresql:postgresql:13.4:*:*:*:*:*:*:*", null),
                            sw(null, "jQuery", "3.4.1", null, "pkg:npm/jquery@3.4.1"))),
            new Demo("HT-HA-NOI-QLVB", "Hệ thống quản lý văn bản và điều hành thành phố Hà Nội",
                    "Quản lý văn bản đến, văn bản đi, hồ sơ công việc và chữ ký số của các cơ quan thuộc UBND thành phố.",
                    "T-HA-NOI", "T-HA-NOI-VP", SystemType.INTERNAL_OPERATIONS, EnumSet.of(PRIVATE, PERSONAL),
                    new LevelCriteria(0, false, 24_000, null, false, false, null, false, false, null, false, false),
                    LocalDate.of(2019, 3, 15), Hosting.ON_PREMISES, null, null,
                    List.of("qlvb.hanoi.example.gov.vn"), List.of("198.51.100.64/27"),
                    List.of(sw("Oracle", "WebLogic Server", "12.2.1.3.0",
                                    "cpe:2.3:a:oracle:weblogic_server:12.2.1.3.0:*:*:*:*:*:*:*", null),
                            sw("Oracle", "Database Server", "19c",
                                    "cpe:2.3:a:oracle:database_server:19c:*:*:*:*:*:*:*", null),
                            sw("Apache Software Foundation", "Apache HTTP Server", "2.4.49",
                                    "cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*", null),
                            sw("Red Hat", "Red Hat Enterprise Linux", "7.9",
                                    "cpe:2.3:o:redhat:enterprise_linux:7.9:*:*:*:*:*:*:*", null))),
            new Demo("HT-BYT-EMAIL", "Hệ thống thư điện tử công vụ Bộ Y tế",
                    "Thư điện tử công vụ của cơ quan Bộ và các đơn vị trực thuộc.",
                    "BYT", "BYT-CNTT", SystemType.INTERNAL_OPERATIONS, EnumSet.of(PRIVATE, PERSONAL),
                    new LevelCriteria(0, false, 9_800, null, true, false, null, false, false, null, false, false),
                    LocalDate.of(2018, 6, 1), Hosting.ON_PREMISES, null, null,
                    List.of("mail.moh.example.gov.vn", "autodiscover.moh.example.gov.vn"),
                    List.of("192.0.2.128/28"),
                    List.of(sw("Microsoft", "Exchange Server 2019", "CU11",
                                    "cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_11:*:*:*:*:*:*", null),
                            sw("Microsoft", "Windows Server 2019", "1809",
                                    "cpe:2.3:o:microsoft:windows_server_2019:-:*:*:*:*:*:*:*", null),
                            sw("Fortinet", "FortiOS", "7.0.12", "cpe:2.3:o:fortinet:fortios:7.0.12:*:*:*:*:*:*:*",
                                    null))),
            new Demo("HT-TAY-NINH-TTDL", "Trung tâm dữ liệu tỉnh Tây Ninh",
                    "Hạ tầng trung tâm dữ liệu dùng chung của tỉnh: ảo hóa, lưu trữ, sao lưu, mạng truyền số liệu chuyên "
                            + "dùng kết nối các sở, ngành và UBND cấp xã.",
                    "T-TAY-NINH", "T-TAY-NINH-SKHCN", SystemType.INFORMATION_INFRASTRUCTURE,
                    EnumSet.of(PUBLIC, PRIVATE, PERSONAL),
                    new LevelCriteria(null, false, null, InfrastructureScope.PROVINCE, true, false, null, false, false,
                            null, false, false),
                    LocalDate.of(2021, 10, 1), Hosting.ON_PREMISES, null, null, List.of(),
                    List.of("192.0.2.0/26"),
                    List.of(sw("VMware", "vCenter Server", "7.0 Update 3",
                                    "cpe:2.3:a:vmware:vcenter_server:7.0:update3:*:*:*:*:*:*", null),
                            sw("VMware", "ESXi", "7.0 Update 3", "cpe:2.3:o:vmware:esxi:7.0:update3:*:*:*:*:*:*", null),
                            sw("Fortinet", "FortiOS", "7.2.4", "cpe:2.3:o:fortinet:fortios:7.2.4:*:*:*:*:*:*:*", null),
                            sw("Microsoft", "SQL Server 2019", "15.0",
                                    "cpe:2.3:a:microsoft:sql_server_2019:-:*:*:*:*:*:*:*", null))),
            new Demo("HT-HA-NOI-SCADA-NUOC", "Hệ thống SCADA nhà máy nước mặt sông Đuống (Hà Nội)",
                    "Giám sát, điều khiển và thu thập dữ liệu của nhà máy xử lý nước và các trạm bơm tăng áp.",
                    "T-HA-NOI", "T-HA-NOI", SystemType.INDUSTRIAL_CONTROL, EnumSet.of(PRIVATE),
                    new LevelCriteria(null, false, null, null, true, false, ConstructionGrade.II, false, false, null,
                            false, false),
                    LocalDate.of(2019, 5, 1), Hosting.ON_PREMISES, null, null, List.of(), List.of(),
                    List.of(sw("Siemens", "SIMATIC WinCC", "7.5",
                                    "cpe:2.3:a:siemens:simatic_wincc:7.5:*:*:*:*:*:*:*", null),
                            sw("Siemens", "SIMATIC S7-1500 CPU firmware", "2.8",
                                    "cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.8:*:*:*:*:*:*:*", null),
                            sw("Microsoft", "Windows 10", "1809",
                                    "cpe:2.3:o:microsoft:windows_10:1809:*:*:*:*:*:*:*", null))));

    private final SystemRegistry registry;
    private final SoftwareInventory inventory;
    private final AgencyDirectory agencies;
    private final Systems systems;
    private final AgencyRoles roles;

    DemoSystems(SystemRegistry registry, SoftwareInventory inventory, AgencyDirectory agencies, Systems systems,
                AgencyRoles roles) {
        this.roles = roles;
        this.registry = registry;
        this.inventory = inventory;
        this.agencies = agencies;
        this.systems = systems;
    }

    /** Synchronous, inside the publisher's start-up: the demo agencies exist, the systems follow. */
    @EventListener
    @Transactional
    public void on(DemoAgenciesLoaded event) {
        List<String> created = new ArrayList<>();
        for (Demo demo : SYSTEMS) {
            if (systems.idOfCode(demo.code()).isPresent()) continue;
            Optional<AgencySummary> owner = agencies.findByCode(demo.owner());
            Optional<AgencySummary> operator = agencies.findByCode(demo.operator());
            if (owner.isEmpty() || operator.isEmpty()) {
                log.warn("Demo system {} skipped: demo agency {} or {} is missing", demo.code(), demo.owner(),
                        demo.operator());
                continue;
            }
            boolean ownerRole = roles.of(owner.get().id().value()).stream()
                    .anyMatch(r -> r.role() == AgencyRoleKind.SYSTEM_OWNER && r.activeOn(SystemRegistry.today()));
            if (!ownerRole) {
                // checked here, not left to the registry: a refused registration would roll back the whole start-up
                log.warn("Demo system {} skipped: {} does not hold SYSTEM_OWNER today", demo.code(), demo.owner());
                continue;
            }
            UUID provider = demo.providerCode() == null ? null
                    : agencies.findByCode(demo.providerCode()).map(a -> a.id().value()).orElse(null);
            SystemDraft draft = new SystemDraft(demo.code(), demo.name(), demo.description(), owner.get().id().value(),
                    operator.get().id().value(), demo.type(), demo.info(), demo.criteria(), Lifecycle.OPERATING,
                    demo.goLive(), demo.hosting(), provider, demo.providerName(), List.of(), List.of(), demo.domains(),
                    demo.ranges());
            InformationSystem system = registry.create(draft, null, true);
            List<vn.attthub.shared.InvalidInputException.FieldError> errors = new ArrayList<>();
            List<SoftwareItem> items = SoftwareInventory.check(demo.software(), "items", errors);
            if (!errors.isEmpty()) throw new IllegalStateException("demo inventory of " + demo.code() + ": " + errors);
            inventory.store(system, items, "demo", null);
            created.add(demo.code());
        }
        log.info("Demo data: information systems {} (codes in docs/demo-data.md)", created);
    }
}
