package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --proxy-trusted ranges. */
class CidrTest {

    @Test
    void ipv4RangesContainExactlyTheirPrefix() throws Exception {
        Cidr loopback = Cidr.parse("127.0.0.0/8");
        assertTrue(loopback.contains(ip("127.0.0.1")));
        assertTrue(loopback.contains(ip("127.255.255.255")));
        assertFalse(loopback.contains(ip("128.0.0.1")));
        assertFalse(loopback.contains(ip("126.255.255.255")));
        Cidr odd = Cidr.parse("172.16.0.0/12");
        assertTrue(odd.contains(ip("172.31.255.255")));
        assertFalse(odd.contains(ip("172.32.0.0")));
        assertFalse(odd.contains(ip("172.15.255.255")));
        Cidr pair = Cidr.parse("10.0.0.2/31");
        assertTrue(pair.contains(ip("10.0.0.3")));
        assertFalse(pair.contains(ip("10.0.0.4")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9")));
    }

    @Test
    void aBareAddressIsOneHost() throws Exception {
        assertTrue(Cidr.parse("192.0.2.1").contains(ip("192.0.2.1")));
        assertFalse(Cidr.parse("192.0.2.1").contains(ip("192.0.2.2")));
        assertTrue(Cidr.parse(" ::1 ").contains(ip("::1")));
    }

    @Test
    void ipv6RangesContainTheirPrefixOnly() throws Exception {
        Cidr doc = Cidr.parse("2001:db8::/32");
        assertTrue(doc.contains(ip("2001:db8:ffff::1")));
        assertFalse(doc.contains(ip("2001:db9::1")));
        assertTrue(Cidr.parse("::1/128").contains(ip("::1")));
        assertFalse(Cidr.parse("::1/128").contains(ip("::2")));
        assertFalse(Cidr.parse("::/0").contains(ip("127.0.0.1")), "an IPv6 range never holds an IPv4 peer");
        assertFalse(Cidr.parse("0.0.0.0/0").contains(ip("::1")), "nor an IPv4 range an IPv6 peer");
    }

    @Test
    void anIpv4MappedIpv6PeerMatchesIpv4Ranges() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = 10;
        mapped[15] = 7;
        InetAddress peer = Inet6Address.getByAddress(null, mapped, -1);
        assertTrue(peer instanceof Inet6Address, "as a dual-stack socket may report it");
        assertTrue(Cidr.parse("10.0.0.0/8").contains(peer));
        assertFalse(Cidr.parse("127.0.0.0/8").contains(peer));
        assertTrue(Cidr.anyContains(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.0.0.7")), peer));
    }

    @Test
    void anIpv4MappedRangeIsTheIpv4RangeItNames() throws Exception {
        Cidr mapped = Cidr.parse("::ffff:10.0.0.0/104");
        assertTrue(mapped.contains(ip("10.200.0.1")));
        assertFalse(mapped.contains(ip("11.0.0.1")));
        assertTrue(Cidr.parse("::ffff:192.0.2.1").contains(ip("192.0.2.1")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/8",
                "10.0.0.0/33",
                "::1/129",
                "10.0.0.0/-1",
                "10.0.0.0/",
                "10.0.0.0/8/9",
                "10.0.0.0/x",
                "localhost",
                "example.com/8",
                "10.0.0.256/8",
                "1.2.3/8",
                "::ffff:10.0.0.0/95",
                "10.0.0.0 /8"
            })
    void whatIsNoRangeIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
