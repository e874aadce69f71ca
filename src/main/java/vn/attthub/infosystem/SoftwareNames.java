package vn.attthub.infosystem;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import us.springett.parsers.cpe.Cpe;
import us.springett.parsers.cpe.CpeParser;
import us.springett.parsers.cpe.exceptions.CpeParsingException;
import us.springett.parsers.cpe.values.LogicalValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks one inventory entry and parses its names: a CPE 2.3 formatted string (NISTIR 7695) with us.springett
 * cpe-parser, a Package URL with packageurl-java. A malformed name is an error of that entry naming the field, never
 * a silent drop; product, vendor and version fall back to the names' parts when not written.
 */
final class SoftwareNames {
    static final int MAX_TEXT = 300;
    static final int MAX_NAME = 1000;

    private SoftwareNames() {
    }

    /** A parsed item, or the entry's errors as (field, message) pairs. */
    record Result(SoftwareItem item, List<String[]> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    static Result parse(SoftwareItem.Entry e) {
        List<String[]> errors = new ArrayList<>();
        String vendor = SystemDraft.trimToNull(e.vendor());
        String product = SystemDraft.trimToNull(e.product());
        String version = SystemDraft.trimToNull(e.version());
        String cpeText = SystemDraft.trimToNull(e.cpe());
        String purlText = SystemDraft.trimToNull(e.purl());
        Cpe cpe = null;
        if (cpeText != null) {
            if (cpeText.length() > MAX_NAME) {
                errors.add(new String[]{"cpe", "Tên CPE quá dài (tối đa " + MAX_NAME + " ký tự) (CPE too long)."});
            } else if (!cpeText.toLowerCase(Locale.ROOT).startsWith("cpe:2.3:")) {
                errors.add(new String[]{"cpe", "Tên CPE phải ở dạng CPE 2.3, bắt đầu bằng 'cpe:2.3:', ví dụ "
                        + "cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:* (not a CPE 2.3 formatted string)."});
            } else {
                try {
                    cpe = CpeParser.parse(cpeText);
                    if (isAny(cpe.getVendor()) || isAny(cpe.getProduct())) {
                        errors.add(new String[]{"cpe", "Tên CPE phải nêu cụ thể nhà cung cấp và sản phẩm, không dùng "
                                + "'*' hoặc '-' (CPE must name a vendor and a product)."});
                        cpe = null;
                    }
                } catch (CpeParsingException | RuntimeException ex) {
                    errors.add(new String[]{"cpe", "Tên CPE 2.3 không hợp lệ: '" + abbreviate(cpeText) + "' ("
                            + ex.getMessage() + "); cần 13 thành phần ngăn bởi ':' (malformed CPE 2.3 name)."});
                }
            }
        }
        PackageURL purl = null;
        if (purlText != null) {
            if (purlText.length() > MAX_NAME) {
                errors.add(new String[]{"purl", "Package URL quá dài (tối đa " + MAX_NAME + " ký tự) (too long)."});
            } else {
                try {
                    purl = new PackageURL(purlText);
                } catch (MalformedPackageURLException | RuntimeException ex) {
                    errors.add(new String[]{"purl", "Package URL không hợp lệ: '" + abbreviate(purlText) + "' ("
                            + ex.getMessage() + "); ví dụ đúng: pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 "
                            + "(malformed Package URL)."});
                }
            }
        }
        if (product == null && cpe != null) product = cpe.getProduct().replace('_', ' ');
        if (product == null && purl != null) product = purl.getName();
        if (vendor == null && cpe != null) vendor = cpe.getVendor().replace('_', ' ');
        if (vendor == null && purl != null && purl.getNamespace() != null) vendor = purl.getNamespace();
        if (version == null && cpe != null && !isAny(cpe.getVersion())) version = cpe.getVersion();
        if (version == null && purl != null) version = purl.getVersion();
        if (product == null && errors.isEmpty()) {
            errors.add(new String[]{"product", "Cần tên sản phẩm, hoặc tên CPE / Package URL để xác định sản phẩm "
                    + "(product, CPE or Package URL required)."});
        }
        check(vendor, "vendor", errors);
        check(product, "product", errors);
        check(version, "version", errors);
        if (!errors.isEmpty()) return new Result(null, errors);
        String cpeVersion = cpe == null || isAny(cpe.getVersion()) ? null : cpe.getVersion();
        return new Result(new SoftwareItem(vendor, product, version, cpe == null ? null : cpe.toCpe23FS(),
                purl == null ? null : purl.canonicalize(), cpe == null ? null : cpe.getPart().getAbbreviation(),
                cpe == null ? null : cpe.getVendor().toLowerCase(Locale.ROOT),
                cpe == null ? null : cpe.getProduct().toLowerCase(Locale.ROOT), cpeVersion,
                purl == null ? null : purl.getType().toLowerCase(Locale.ROOT),
                purl == null ? null : purl.getNamespace(), purl == null ? null : purl.getName(),
                purl == null ? null : purl.getVersion()), List.of());
    }

    private static void check(String value, String field, List<String[]> errors) {
        if (value != null && value.length() > MAX_TEXT) {
            errors.add(new String[]{field, "Tối đa " + MAX_TEXT + " ký tự (too long)."});
        }
    }

    private static boolean isAny(String value) {
        return value == null || value.equals(LogicalValue.ANY.getAbbreviation())
                || value.equals(LogicalValue.NA.getAbbreviation()) || value.isEmpty();
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
