package vn.attthub.infosystem;

/**
 * One entry of a system's software inventory: what the operator wrote (vendor, product, version, a CPE 2.3 name
 * and/or a Package URL) and the parsed parts that early warnings are matched on (CPE part/vendor/product/version,
 * PURL type/namespace/name/version). The CPE is kept in its formatted-string form, the PURL canonical.
 */
public record SoftwareItem(String vendor, String product, String version, String cpe, String purl, String cpePart,
                           String cpeVendor, String cpeProduct, String cpeVersion, String purlType,
                           String purlNamespace, String purlName, String purlVersion) {

    /** What a user or a file gives for one entry, before it is checked. */
    public record Entry(String vendor, String product, String version, String cpe, String purl) {
    }
}
