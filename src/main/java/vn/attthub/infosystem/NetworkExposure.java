package vn.attthub.infosystem;

import java.math.BigInteger;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks and normalises what a system exposes to the Internet: domain names (IDN to punycode, lower case) and public
 * IP ranges in CIDR notation (host bits zero, no private, loopback, link-local, multicast or unspecified ranges).
 * Never resolves names: an address is parsed only when it is written in digits.
 */
public final class NetworkExposure {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private NetworkExposure() {
    }

    /** The normalised domain, or throws {@link IllegalArgumentException} with a Vietnamese/English message. */
    public static String domain(String input) {
        String d = input == null ? "" : input.strip();
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        if (d.startsWith("*.")) {
            throw new IllegalArgumentException("Không dùng tên miền đại diện '*'; hãy ghi từng tên miền "
                    + "(wildcards are not accepted).");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalidDomain(input);
        }
        if (ascii.isEmpty() || ascii.length() > 253 || !ascii.contains(".")) throw invalidDomain(input);
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) throw invalidDomain(input);
        }
        if (IPV4.matcher(ascii).matches()) {
            throw new IllegalArgumentException("'" + input + "' là địa chỉ IP, hãy ghi vào dải IP công khai "
                    + "(an IP address belongs in publicIpRanges).");
        }
        return ascii;
    }

    private static IllegalArgumentException invalidDomain(String input) {
        return new IllegalArgumentException("Tên miền không hợp lệ: '" + input + "', ví dụ đúng: dichvucong.laocai.gov.vn "
                + "(invalid domain name).");
    }

    /**
     * The normalised CIDR range ({@code 203.0.113.0/24}, {@code 2001:db8::/32}); a single address without a prefix
     * becomes /32 or /128.
     */
    public static String ipRange(String input) {
        String r = input == null ? "" : input.strip();
        String addressPart = r;
        Integer prefix = null;
        int slash = r.indexOf('/');
        if (slash >= 0) {
            addressPart = r.substring(0, slash);
            try {
                prefix = Integer.parseInt(r.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalidRange(input);
            }
        }
        boolean v4 = IPV4.matcher(addressPart).matches();
        if (!v4 && !(addressPart.contains(":") && IPV6.matcher(addressPart).matches())) throw invalidRange(input);
        if (v4) {
            for (String octet : addressPart.split("\\.")) {
                if (Integer.parseInt(octet) > 255) throw invalidRange(input);
            }
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(addressPart); // a literal: no name lookup happens
        } catch (UnknownHostException e) {
            throw invalidRange(input);
        }
        int bits = address instanceof Inet4Address ? 32 : 128;
        if (prefix == null) prefix = bits;
        if (prefix < 0 || prefix > bits) throw invalidRange(input);
        BigInteger value = new BigInteger(1, address.getAddress());
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        if (!value.and(hostMask).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException("Dải '" + input + "' có bit máy khác 0; địa chỉ mạng đúng là "
                    + networkOf(value, hostMask, bits) + "/" + prefix + " (host bits set).");
        }
        if (notPublic(address, prefix)) {
            throw new IllegalArgumentException("'" + input + "' không phải dải IP công khai (riêng, loopback, "
                    + "link-local hoặc multicast) (not a public range).");
        }
        String text = address.getHostAddress();
        if (!v4) text = compressV6(address);
        return text + "/" + prefix;
    }

    private static String networkOf(BigInteger value, BigInteger hostMask, int bits) {
        BigInteger net = value.andNot(hostMask);
        byte[] raw = net.toByteArray();
        byte[] bytes = new byte[bits / 8];
        System.arraycopy(raw, Math.max(0, raw.length - bytes.length), bytes,
                Math.max(0, bytes.length - raw.length), Math.min(raw.length, bytes.length));
        try {
            InetAddress a = InetAddress.getByAddress(bytes);
            return bits == 32 ? a.getHostAddress() : compressV6(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean notPublic(InetAddress a, int prefix) {
        byte[] b = a.getAddress();
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0/8, 100.64/10 (carrier-grade NAT), 240/4 (reserved), and ranges wider than their class allows
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240 || prefix < 8;
        }
        int first = b[0] & 0xff;
        return (first & 0xfe) == 0xfc || prefix < 16; // fc00::/7 unique local
    }

    private static String compressV6(InetAddress a) {
        String full = a.getHostAddress();
        int percent = full.indexOf('%');
        if (percent >= 0) full = full.substring(0, percent);
        String[] groups = full.split(":");
        StringBuilder sb = new StringBuilder();
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < groups.length; ) {
            if (Integer.parseInt(groups[i], 16) == 0) {
                int j = i;
                while (j < groups.length && Integer.parseInt(groups[j], 16) == 0) j++;
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
            if (i < groups.length - 1) sb.append(':');
        }
        return sb.toString();
    }

    private static IllegalArgumentException invalidRange(String input) {
        return new IllegalArgumentException("Dải IP không hợp lệ: '" + input + "', hãy ghi dạng CIDR như "
                + "203.0.113.0/24 hoặc 2001:db8::/32 (invalid CIDR range).");
    }
}
