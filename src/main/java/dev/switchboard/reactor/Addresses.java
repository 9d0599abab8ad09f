package dev.switchboard.reactor;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Socket addresses as people write them: {@code 127.0.0.1:80}, {@code [::1]:80} (RFC 5952). */
public final class Addresses {
    private Addresses() {}

    public static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        if (ip instanceof Inet6Address) {
            return "[" + compress(ip.getAddress()) + "]:" + address.getPort();
        }
        return ip.getHostAddress() + ":" + address.getPort();
    }

    /** The shortest form of a 16-byte IPv6 address: longest run of two or more zero groups as "::". */
    static String compress(byte[] ip) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ip[2 * i] & 0xFF) << 8) | (ip[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
