package vn.attthub.infosystem.web;

import vn.attthub.infosystem.Hosting;
import vn.attthub.infosystem.InformationSystem;
import vn.attthub.infosystem.LevelCriteria;
import vn.attthub.infosystem.Lifecycle;
import vn.attthub.infosystem.SystemDraft;
import vn.attthub.infosystem.SystemQueries;
import vn.attthub.regime.ConstructionGrade;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.InfrastructureScope;
import vn.attthub.regime.NationalSecurityImpact;
import vn.attthub.regime.SystemType;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The system form's fields as typed, so that a refused form comes back exactly as the user left it. Agencies and
 * systems are entered by code; lists (components, domains, IP ranges) one per line.
 */
public class SystemForm {
    private String code, name, description, ownerCode, operatorCode, systemType, lifecycle, goLiveDate, hosting,
            providerCode, providerName, components, connections, domains, ipRanges;
    private List<String> informationTypes = new ArrayList<>();
    private String onlinePublicServiceLevel, conditionalBusinessLine, personalDataSubjects, infrastructureScope,
            operates24x7, nationalEGovernment, constructionGrade, nationalSecurityWork, defenceOrSecuritySystem,
            nationalSecurityImpact, nationalCriticalDataStore, primeMinisterDesignated;
    private int version;

    public String getCode() { return code; }
    public void setCode(String v) { code = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getDescription() { return description; }
    public void setDescription(String v) { description = v; }
    public String getOwnerCode() { return ownerCode; }
    public void setOwnerCode(String v) { ownerCode = v; }
    public String getOperatorCode() { return operatorCode; }
    public void setOperatorCode(String v) { operatorCode = v; }
    public String getSystemType() { return systemType; }
    public void setSystemType(String v) { systemType = v; }
    public List<String> getInformationTypes() { return informationTypes; }
    public void setInformationTypes(List<String> v) { informationTypes = v == null ? new ArrayList<>() : v; }
    public String getLifecycle() { return lifecycle; }
    public void setLifecycle(String v) { lifecycle = v; }
    public String getGoLiveDate() { return goLiveDate; }
    public void setGoLiveDate(String v) { goLiveDate = v; }
    public String getHosting() { return hosting; }
    public void setHosting(String v) { hosting = v; }
    public String getProviderCode() { return providerCode; }
    public void setProviderCode(String v) { providerCode = v; }
    public String getProviderName() { return providerName; }
    public void setProviderName(String v) { providerName = v; }
    public String getComponents() { return components; }
    public void setComponents(String v) { components = v; }
    public String getConnections() { return connections; }
    public void setConnections(String v) { connections = v; }
    public String getDomains() { return domains; }
    public void setDomains(String v) { domains = v; }
    public String getIpRanges() { return ipRanges; }
    public void setIpRanges(String v) { ipRanges = v; }
    public String getOnlinePublicServiceLevel() { return onlinePublicServiceLevel; }
    public void setOnlinePublicServiceLevel(String v) { onlinePublicServiceLevel = v; }
    public String getConditionalBusinessLine() { return conditionalBusinessLine; }
    public void setConditionalBusinessLine(String v) { conditionalBusinessLine = v; }
    public String getPersonalDataSubjects() { return personalDataSubjects; }
    public void setPersonalDataSubjects(String v) { personalDataSubjects = v; }
    public String getInfrastructureScope() { return infrastructureScope; }
    public void setInfrastructureScope(String v) { infrastructureScope = v; }
    public String getOperates24x7() { return operates24x7; }
    public void setOperates24x7(String v) { operates24x7 = v; }
    public String getNationalEGovernment() { return nationalEGovernment; }
    public void setNationalEGovernment(String v) { nationalEGovernment = v; }
    public String getConstructionGrade() { return constructionGrade; }
    public void setConstructionGrade(String v) { constructionGrade = v; }
    public String getNationalSecurityWork() { return nationalSecurityWork; }
    public void setNationalSecurityWork(String v) { nationalSecurityWork = v; }
    public String getDefenceOrSecuritySystem() { return defenceOrSecuritySystem; }
    public void setDefenceOrSecuritySystem(String v) { defenceOrSecuritySystem = v; }
    public String getNationalSecurityImpact() { return nationalSecurityImpact; }
    public void setNationalSecurityImpact(String v) { nationalSecurityImpact = v; }
    public String getNationalCriticalDataStore() { return nationalCriticalDataStore; }
    public void setNationalCriticalDataStore(String v) { nationalCriticalDataStore = v; }
    public String getPrimeMinisterDesignated() { return primeMinisterDesignated; }
    public void setPrimeMinisterDesignated(String v) { primeMinisterDesignated = v; }
    public int getVersion() { return version; }
    public void setVersion(int v) { version = v; }

    static SystemForm of(SystemQueries.Detail d) {
        InformationSystem s = d.system();
        SystemForm f = new SystemForm();
        f.code = s.code();
        f.name = s.name();
        f.description = s.description();
        f.ownerCode = d.owner() == null ? null : d.owner().code();
        f.operatorCode = d.operator() == null ? null : d.operator().code();
        f.systemType = s.systemType().name();
        f.informationTypes = new ArrayList<>(s.informationTypes().stream().map(Enum::name).toList());
        f.lifecycle = s.lifecycle().name();
        f.goLiveDate = s.goLiveDate() == null ? null : s.goLiveDate().toString();
        f.hosting = s.hosting().name();
        f.providerCode = d.hostingProvider() == null ? null : d.hostingProvider().code();
        f.providerName = s.hostingProviderName();
        f.components = String.join("\n", d.components().stream().map(SystemQueries.SystemRef::code).toList());
        f.connections = String.join("\n", d.connectedSystems().stream().map(SystemQueries.SystemRef::code).toList());
        f.domains = String.join("\n", d.domains());
        f.ipRanges = String.join("\n", d.publicIpRanges());
        LevelCriteria c = s.criteria();
        f.onlinePublicServiceLevel = c.onlinePublicServiceLevel() == null ? "" : c.onlinePublicServiceLevel().toString();
        f.conditionalBusinessLine = bool(c.conditionalBusinessLine());
        f.personalDataSubjects = c.personalDataSubjects() == null ? "" : c.personalDataSubjects().toString();
        f.infrastructureScope = name(c.infrastructureScope());
        f.operates24x7 = bool(c.operates24x7());
        f.nationalEGovernment = bool(c.nationalEGovernment());
        f.constructionGrade = name(c.constructionGrade());
        f.nationalSecurityWork = bool(c.nationalSecurityWork());
        f.defenceOrSecuritySystem = bool(c.defenceOrSecuritySystem());
        f.nationalSecurityImpact = name(c.nationalSecurityImpact());
        f.nationalCriticalDataStore = bool(c.nationalCriticalDataStore());
        f.primeMinisterDesignated = bool(c.primeMinisterDesignated());
        f.version = s.version();
        return f;
    }

    private static String bool(Boolean b) {
        return b == null ? "" : b.toString();
    }

    private static String name(Enum<?> e) {
        return e == null ? "" : e.name();
    }

    /** Resolves codes and parses values; what cannot be read goes into {@code errors} under the form field's name. */
    SystemDraft draft(Function<String, UUID> agencyByCode, Function<String, UUID> systemByCode,
                      Map<String, String> errors) {
        SystemType type = enumValue(SystemType.class, systemType, "systemType", errors);
        Set<InformationType> info = EnumSet.noneOf(InformationType.class);
        for (String t : informationTypes) {
            InformationType it = enumValue(InformationType.class, t, "informationTypes", errors);
            if (it != null) info.add(it);
        }
        LevelCriteria criteria = new LevelCriteria(integer(onlinePublicServiceLevel, "onlinePublicServiceLevel", errors),
                bool(conditionalBusinessLine), integer(personalDataSubjects, "personalDataSubjects", errors),
                enumValue(InfrastructureScope.class, infrastructureScope, "infrastructureScope", errors),
                bool(operates24x7), bool(nationalEGovernment),
                enumValue(ConstructionGrade.class, constructionGrade, "constructionGrade", errors),
                bool(nationalSecurityWork), bool(defenceOrSecuritySystem),
                enumValue(NationalSecurityImpact.class, nationalSecurityImpact, "nationalSecurityImpact", errors),
                bool(nationalCriticalDataStore), bool(primeMinisterDesignated));
        return new SystemDraft(code, name, description, agency(ownerCode, "ownerId", agencyByCode, errors),
                agency(operatorCode, "operatorId", agencyByCode, errors), type, info, criteria,
                enumValue(Lifecycle.class, lifecycle, "lifecycle", errors), date(goLiveDate, errors),
                enumValue(Hosting.class, hosting, "hosting", errors),
                agency(providerCode, "hostingProviderId", agencyByCode, errors), providerName,
                systems(components, "componentIds", systemByCode, errors),
                systems(connections, "connectedSystemIds", systemByCode, errors), lines(domains), lines(ipRanges));
    }

    static List<String> lines(String text) {
        if (text == null) return List.of();
        return Arrays.stream(text.split("[\\r\\n,;]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static UUID agency(String code, String field, Function<String, UUID> byCode, Map<String, String> errors) {
        if (code == null || code.isBlank()) return null;
        UUID id = byCode.apply(code.strip());
        if (id == null) errors.putIfAbsent(field, "Không tìm thấy cơ quan có mã '" + code.strip() + "' (agency not found).");
        return id;
    }

    private static List<UUID> systems(String text, String field, Function<String, UUID> byCode,
                                      Map<String, String> errors) {
        List<UUID> ids = new ArrayList<>();
        for (String code : lines(text)) {
            UUID id = byCode.apply(code);
            if (id == null) {
                errors.putIfAbsent(field, "Không tìm thấy hệ thống có mã '" + code + "' (system not found).");
            } else {
                ids.add(id);
            }
        }
        return ids;
    }

    private static Boolean bool(String v) {
        return v == null || v.isBlank() ? null : Boolean.valueOf(v.strip());
    }

    private static Integer integer(String v, String field, Map<String, String> errors) {
        if (v == null || v.isBlank()) return null;
        try {
            return Integer.valueOf(v.strip().replace(".", "").replace(",", "").replace(" ", ""));
        } catch (NumberFormatException e) {
            errors.putIfAbsent(field, "Cần một số nguyên (a whole number is required).");
            return null;
        }
    }

    private LocalDate date(String v, Map<String, String> errors) {
        if (v == null || v.isBlank()) return null;
        String t = v.strip();
        try {
            return t.contains("/") ? LocalDate.parse(t, DateTimeFormatter.ofPattern("d/M/uuuu")) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            errors.putIfAbsent("goLiveDate", "Ngày không hợp lệ, ghi dạng dd/MM/yyyy (invalid date).");
            return null;
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String v, String field, Map<String, String> errors) {
        if (v == null || v.isBlank()) return null;
        try {
            return Enum.valueOf(type, v.strip());
        } catch (IllegalArgumentException e) {
            errors.putIfAbsent(field, "Giá trị không hợp lệ (invalid value).");
            return null;
        }
    }
}
