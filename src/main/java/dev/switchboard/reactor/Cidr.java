package dev.switchboard.reactor;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * An address range such as {@code 127.0.0.0/8} or {@code ::1/128}. An IPv4-mapped IPv6 peer
 * ({@code ::ffff:10.0.0.1}, as a dual-stack socket reports it) matches IPv4 ranges.
 */
public record Cidr(byte[] network, int prefixBits) {

    /** Parses {@code ADDRESS/BITS} (or a bare address: one host); a literal only, never a name. */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        boolean v6 = address.contains(":");
        // Dotted quads only: the JDK would read "10.1" as 10.0.0.1, which no operator means.
        if (!address.matches("[0-9A-Fa-f:.]+") || !(v6 || address.matches("(\\d{1,3}\\.){3}\\d{1,3}"))) {
            throw new IllegalArgumentException("'" + text + "' is not an address range");
        }
        byte[] ip;
        try {
            ip = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address range");
        }
        // The JDK turns ::ffff:a.b.c.d into an IPv4 address: its prefix counts 96 bits more.
        int skipped = v6 && ip.length == 4 ? 96 : 0;
        int bits = ip.length * 8;
        if (slash >= 0) {
            String b = s.substring(slash + 1);
            if (!b.matches("\\d{1,3}")
                    || Integer.parseInt(b) > skipped + ip.length * 8
                    || Integer.parseInt(b) < skipped) {
                throw new IllegalArgumentException("'" + text + "' has a bad prefix length");
            }
            bits = Integer.parseInt(b) - skipped;
        }
        return new Cidr(ip, bits);
    }

    public static boolean anyContains(List<Cidr> ranges, InetAddress address) {
        for (Cidr c : ranges) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean contains(InetAddress address) {
        byte[] ip = unmapped(address);
        if (ip.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (ip[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (ip[full] & mask) == (network[full] & mask);
    }

    private static byte[] unmapped(InetAddress address) {
        byte[] ip = address.getAddress();
        if (address instanceof Inet6Address && isV4Mapped(ip)) {
            return new byte[] {ip[12], ip[13], ip[14], ip[15]};
        }
        return ip;
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xFF && ip[11] == (byte) 0xFF;
    }
}
