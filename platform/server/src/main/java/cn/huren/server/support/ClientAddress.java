package cn.huren.server.support;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The key of a client address for every limit counted per address (login limits, the operator
 * login throttle): an IPv4 address as it is; an IPv6 address by its /64 prefix, since one
 * subscriber gets a whole /64 and could otherwise take a fresh address for every guess; an
 * IPv4-mapped IPv6 address as the IPv4 address it maps. Something that is not a literal address is
 * kept as it is (clipped), never resolved.
 */
public final class ClientAddress {

    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ClientAddress() {
    }

    /** Four decimal octets 0–255 without leading zeros, as Tomcat writes an IPv4 client. */
    private static boolean plainIpv4(String text) {
        int dots = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (digits == 0 || ++dots > 3) {
                    return false;
                }
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return false; // a leading zero: left to the full parse
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    /** The key of the request's client address; null when there is no request or no address. */
    public static String key(HttpServletRequest request) {
        return request == null ? null : key(request.getRemoteAddr());
    }

    /** {@code 203.0.113.7} as is; {@code 2001:db8:1:2:3:4:5:6} as {@code 2001:db8:1:2::/64}; {@code ::ffff:203.0.113.7} as {@code 203.0.113.7}. */
    public static String key(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        if (plainIpv4(address)) { // what Tomcat hands over for almost every client: nothing to parse (a login's hot path)
            return address;
        }
        String text = address.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (!LITERAL.matcher(text).matches() || !text.contains(":") && !IPV4.matcher(text).matches()) {
            return text.length() > 64 ? text.substring(0, 64) : text; // not a literal address: never resolved by name
        }
        try {
            InetAddress parsed = InetAddress.getByName(text); // a literal: parsed, not looked up
            if (parsed instanceof Inet4Address) { // also what Java makes of ::ffff:a.b.c.d
                return parsed.getHostAddress();
            }
            byte[] b = parsed.getAddress();
            if (parsed instanceof Inet6Address && b.length == 16) {
                if (mappedIpv4(b)) {
                    return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
                }
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString((b[i] & 0xff) << 8 | b[i + 1] & 0xff)).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return text;
        }
    }

    private static boolean mappedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
