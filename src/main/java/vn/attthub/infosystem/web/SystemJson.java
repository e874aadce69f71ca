package vn.attthub.infosystem.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import vn.attthub.infosystem.Hosting;
import vn.attthub.infosystem.InformationSystem;
import vn.attthub.infosystem.LevelCriteria;
import vn.attthub.infosystem.Lifecycle;
import vn.attthub.infosystem.SoftwareInventory;
import vn.attthub.infosystem.SoftwareItem;
import vn.attthub.infosystem.SystemDraft;
import vn.attthub.infosystem.SystemQueries;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.LevelInputs;
import vn.attthub.regime.SystemType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Request and response bodies of the systems API (never the persistence rows themselves). */
final class SystemJson {
    private SystemJson() {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record SystemRequest(String code, String name, String description, UUID ownerId, UUID operatorId,
                         SystemType systemType, Set<InformationType> informationTypes, LevelCriteria levelInputs,
                         Lifecycle lifecycle, LocalDate goLiveDate, Hosting hosting, UUID hostingProviderId,
                         String hostingProviderName, List<UUID> componentIds, List<UUID> connectedSystemIds,
                         List<String> domains, List<String> publicIpRanges) {
        SystemDraft draft() {
            return new SystemDraft(code, name, description, ownerId, operatorId, systemType, informationTypes,
                    levelInputs, lifecycle, goLiveDate, hosting, hostingProviderId, hostingProviderName, componentIds,
                    connectedSystemIds, domains, publicIpRanges);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SystemDetail(UUID id, String code, String name, String description, SystemQueries.AgencyRef owner,
                        SystemQueries.AgencyRef operator, SystemQueries.AgencyRef securityUnit, SystemType systemType,
                        Set<InformationType> informationTypes, LevelInputs levelInputs, Lifecycle lifecycle,
                        LocalDate goLiveDate, Hosting hosting, SystemQueries.AgencyRef hostingProvider,
                        String hostingProviderName, List<SystemQueries.SystemRef> components,
                        List<SystemQueries.SystemRef> partOf, List<SystemQueries.SystemRef> connectedSystems,
                        List<String> domains, List<String> publicIpRanges, Integer approvedLevel,
                        UUID approvedDossierId, Instant approvedAt, int softwareItems, int version,
                        int inventoryVersion, boolean demo) {
        static SystemDetail of(SystemQueries.Detail d) {
            InformationSystem s = d.system();
            return new SystemDetail(s.id(), s.code(), s.name(), s.description(), d.owner(), d.operator(),
                    d.securityUnit(), s.systemType(), s.informationTypes(), d.levelInputs(), s.lifecycle(),
                    s.goLiveDate(), s.hosting(), d.hostingProvider(), s.hostingProviderName(), d.components(),
                    d.partOf(), d.connectedSystems(), d.domains(), d.publicIpRanges(), s.approvedLevel(),
                    s.approvedDossierId(), s.approvedAt(), d.softwareItems(), s.version(), s.inventoryVersion(),
                    s.demo());
        }
    }

    record Page<T>(List<T> items, String next) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record EntryRequest(String vendor, String product, String version, String cpe, String purl) {
        SoftwareItem.Entry entry() {
            return new SoftwareItem.Entry(vendor, product, version, cpe, purl);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record InventoryRequest(List<EntryRequest> items) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Parsed(String cpePart, String cpeVendor, String cpeProduct, String cpeVersion, String purlType,
                  String purlNamespace, String purlName, String purlVersion) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ItemJson(String vendor, String product, String version, String cpe, String purl, Parsed parsed) {
        static ItemJson of(SoftwareItem i) {
            return new ItemJson(i.vendor(), i.product(), i.version(), i.cpe(), i.purl(), new Parsed(i.cpePart(),
                    i.cpeVendor(), i.cpeProduct(), i.cpeVersion(), i.purlType(), i.purlNamespace(), i.purlName(),
                    i.purlVersion()));
        }
    }

    record InventoryJson(UUID systemId, String systemCode, int version, int count, List<ItemJson> items) {
        static InventoryJson of(SoftwareInventory.Listing l) {
            return new InventoryJson(l.system().id(), l.system().code(), l.system().inventoryVersion(),
                    l.items().size(), l.items().stream().map(ItemJson::of).toList());
        }
    }
}
