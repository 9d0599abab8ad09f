package dev.switchboard.codec.proxy;

import java.net.InetSocketAddress;

/**
 * What a PROXY protocol header says about the connection a load balancer passed on.
 *
 * @param source      the client's address, or null (v1 {@code UNKNOWN}, v2 {@code LOCAL} or a
 *                    family without an IP address): keep the socket's own
 * @param destination the address the client connected to, or null likewise
 * @param version     1 or 2
 */
public record ProxyHeader(InetSocketAddress source, InetSocketAddress destination, int version) {}
