package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

    private static String format(String host, int port) throws Exception {
        return Addresses.format(new InetSocketAddress(InetAddress.getByName(host), port));
    }

    @Test
    void ipv4IsDottedAndIpv6IsBracketedInShortestForm() throws Exception {
        assertEquals("127.0.0.1:5050", format("127.0.0.1", 5050));
        assertEquals("0.0.0.0:80", format("0.0.0.0", 80));
        assertEquals("[::1]:5050", format("::1", 5050));
        assertEquals("[::]:8080", format("::", 8080));
        assertEquals("[2001:db8::1:0:0:1]:1", format("2001:db8:0:0:1:0:0:1", 1));
        assertEquals("[fe80::a:b]:2", format("fe80:0:0:0:0:0:a:b", 2));
        assertEquals("[1:0:2:0:3:0:4:0]:3", format("1:0:2:0:3:0:4:0", 3));
    }
}
