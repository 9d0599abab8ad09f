package dev.switchboard.protocol.chat.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Opens a connection to Redis, checked with a PING, named so {@code CLIENT LIST} shows whose it is. */
final class RedisConnector {
    /** Long enough for a busy Redis, short enough that a vanished one is noticed within the presence TTL. */
    static final int TIMEOUT_MILLIS = 3_000;

    private final RedisAddress address;
    private final String nodeId;

    RedisConnector(RedisAddress address, String nodeId) {
        this.address = address;
        this.nodeId = nodeId;
    }

    RedisAddress address() {
        return address;
    }

    Jedis open(String role) {
        return open(role, TIMEOUT_MILLIS);
    }

    Jedis open(String role, int socketTimeoutMillis) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(socketTimeoutMillis)
                .database(address.database())
                .clientName(role + "-" + nodeId)
                .build();
        Jedis redis = new Jedis(new HostAndPort(address.host(), address.port()), config);
        try {
            redis.ping();
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        return redis;
    }
}
