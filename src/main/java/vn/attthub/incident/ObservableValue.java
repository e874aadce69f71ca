package vn.attthub.incident;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Canonical form of an observable (issue 4 §3) so the same IP, domain, URL, file hash or e-mail filed in two
 * incidents is recognised as one value. Never resolves names: IP literals are parsed only after a syntax check,
 * so {@link InetAddress#getByName} cannot reach DNS.
 */
record ObservableValue(String type, String value) {

    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]+$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-f]+$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern LOCAL = Pattern.compile("^[^@\\s]{1,64}$");

    /** Thrown with a Vietnamese-first message for the {@code observables[i].value} field. */
    static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    static ObservableValue of(String type, String raw) {
        if (type == null || raw == null || raw.isBlank()) throw new Invalid("Giá trị là bắt buộc (value is required).");
        String t = type.strip().toUpperCase(Locale.ROOT);
        String v = raw.strip();
        return new ObservableValue(t, switch (t) {
            case "IP" -> ip(v);
            case "DOMAIN" -> domain(v);
            case "URL" -> url(v);
            case "FILE_HASH" -> hash(v);
            case "EMAIL" -> email(v);
            default -> throw new Invalid("Loại dấu hiệu không hợp lệ (invalid type).");
        });
    }

    /** md5, sha1 or sha256 decided by length. */
    String hashAlgorithm() {
        if (!"FILE_HASH".equals(type)) return null;
        return switch (value.length()) {
            case 32 -> "md5";
            case 40 -> "sha1";
            default -> "sha256";
        };
    }

    static String ip(String v) {
        boolean v4 = IPV4.matcher(v).matches();
        boolean v6 = !v4 && v.contains(":") && IPV6.matcher(v).matches();
        if (!v4 && !v6) throw new Invalid("Địa chỉ IP không hợp lệ (invalid IPv4/IPv6 literal).");
        try {
            // a literal only (checked above), so no name lookup happens
            String s = InetAddress.getByName(v).getHostAddress();
            return v6 ? compressIpv6(s) : s;
        } catch (UnknownHostException e) {
            throw new Invalid("Địa chỉ IP không hợp lệ (invalid IPv4/IPv6 literal).");
        }
    }

    /** RFC 5952: lower-case, leading zeros dropped, longest run of zero groups as "::". */
    private static String compressIpv6(String full) {
        if (!full.contains(":")) return full; // IPv4-mapped addresses come back as IPv4
        String[] g = full.toLowerCase(Locale.ROOT).split(":");
        for (int i = 0; i < g.length; i++) g[i] = g[i].replaceFirst("^0+(?=.)", "");
        int best = -1, bestLen = 0;
        for (int i = 0; i < g.length; ) {
            if (!g[i].equals("0")) { i++; continue; }
            int j = i;
            while (j < g.length && g[j].equals("0")) j++;
            if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
            i = j;
        }
        if (best < 0) return String.join(":", g);
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, best));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, best + bestLen, g.length));
        return head + "::" + tail;
    }

    static String domain(String v) {
        String d = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
        String ascii;
        try {
            ascii = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Invalid("Tên miền không hợp lệ (invalid domain name).");
        }
        if (ascii.isEmpty() || ascii.length() > 253 || !ascii.contains(".")) {
            throw new Invalid("Tên miền không hợp lệ (invalid domain name).");
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) throw new Invalid("Tên miền không hợp lệ (invalid domain name).");
        }
        // RFC 3696 §2: a top-level domain is never all-numeric (so "999.1.1.1" is not a domain)
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new Invalid("Tên miền không hợp lệ (invalid domain name).");
        }
        return ascii;
    }

    static String url(String v) {
        URI u;
        try {
            u = new URI(v);
        } catch (URISyntaxException e) {
            throw new Invalid("URL không hợp lệ (invalid URL).");
        }
        String scheme = u.getScheme();
        String host = u.getHost();
        if (scheme == null || host == null || u.getRawAuthority() == null) {
            throw new Invalid("URL phải có giao thức và máy chủ, ví dụ https://vi-du.vn/duong-dan (invalid URL).");
        }
        String h = host.startsWith("[") ? "[" + ip(host.substring(1, host.length() - 1)) + "]"
                : IPV4.matcher(host).matches() ? ip(host) : domainOrHost(host);
        StringBuilder sb = new StringBuilder(scheme.toLowerCase(Locale.ROOT)).append("://");
        if (u.getRawUserInfo() != null) sb.append(u.getRawUserInfo()).append('@');
        sb.append(h);
        if (u.getPort() >= 0) sb.append(':').append(u.getPort());
        sb.append(u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath());
        if (u.getRawQuery() != null) sb.append('?').append(u.getRawQuery());
        if (u.getRawFragment() != null) sb.append('#').append(u.getRawFragment());
        return sb.toString();
    }

    private static String domainOrHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.contains(".") ? domain(h) : h; // "localhost", intranet names
    }

    static String hash(String v) {
        String h = v.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(h).matches() || (h.length() != 32 && h.length() != 40 && h.length() != 64)) {
            throw new Invalid("Mã băm phải là MD5 (32), SHA-1 (40) hoặc SHA-256 (64) ký tự hex (invalid file hash).");
        }
        return h;
    }

    static String email(String v) {
        int at = v.lastIndexOf('@');
        if (at <= 0 || at != v.indexOf('@') || !LOCAL.matcher(v.substring(0, at)).matches()) {
            throw new Invalid("Địa chỉ e-mail không hợp lệ (invalid e-mail).");
        }
        String domain;
        try {
            domain = domain(v.substring(at + 1));
        } catch (Invalid e) {
            throw new Invalid("Địa chỉ e-mail không hợp lệ (invalid e-mail domain).");
        }
        return v.substring(0, at) + "@" + domain;
    }
}
