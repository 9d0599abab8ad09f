package dev.switchboard.protocol.chat.redis;

/**
 * The chat's keys in Redis, all under {@code switchboard:chat:}, and the scripts that change
 * several of them at once (Redis runs a script whole, so no other node sees half of it).
 * <pre>
 *   events              channel: every event, "EPOCH SEQ BODY" (see {@link Wire})
 *   room:ROOM           hash: epoch, seq (the room's last offset)
 *   log:ROOM            stream: BODY under id SEQ-0, trimmed to about maxLen entries
 *   rooms               set: the rooms that have a log
 *   nodes               set: the nodes that announced themselves
 *   alive:NODE          string with a TTL, refreshed by the node; gone = the node is dead
 *   members:NODE        hash: lower-case name to "Name #room", and _v (the node's event number)
 *   name:NAME           string: the node holding the lower-case name
 *   reap:NODE           string with a TTL: which node announces a dead node's leaves
 *   accounts            hash: lower-case name to "Name HASH" (salted PBKDF2)
 * </pre>
 * Standalone Redis only: a script touches keys of several rooms' slots (Redis Cluster would refuse).
 */
final class Keys {
    static final String PREFIX = "switchboard:chat:";
    static final String CHANNEL = PREFIX + "events";
    static final String ROOMS = PREFIX + "rooms";
    static final String NODES = PREFIX + "nodes";
    static final String ACCOUNTS = PREFIX + "accounts";
    static final String VERSION_FIELD = "_v";

    /**
     * One room event: its offset, its stream entry, the sender's presence, the publish.
     * KEYS: room hash, log, members hash, rooms set. ARGV: epoch if the room is new, max
     * length, body, channel, op (J L R -), name key, "Name #room", old name key, n, room key,
     * the longest body stored (a longer line is published but not kept: history skips it too).
     */
    static final String PUBLISH_EVENT =
            """
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if not epoch then
              redis.call('DEL', KEYS[2])
              epoch = ARGV[1]
              redis.call('HSET', KEYS[1], 'epoch', epoch)
            end
            local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
            if string.len(ARGV[3]) <= tonumber(ARGV[11]) then
              redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'p', ARGV[3])
            end
            redis.call('SADD', KEYS[4], ARGV[10])
            local op = ARGV[5]
            if op == 'J' then
              redis.call('HSET', KEYS[3], ARGV[6], ARGV[7], '_v', ARGV[9])
            elseif op == 'L' then
              redis.call('HDEL', KEYS[3], ARGV[6])
              redis.call('HSET', KEYS[3], '_v', ARGV[9])
            elseif op == 'R' then
              redis.call('HDEL', KEYS[3], ARGV[8])
              redis.call('HSET', KEYS[3], ARGV[6], ARGV[7], '_v', ARGV[9])
            end
            redis.call('PUBLISH', ARGV[4], epoch .. ' ' .. seq .. ' ' .. ARGV[3])
            return seq
            """;

    /** KEYS: name. ARGV: node, alive-key prefix. 1 if the name is now the node's; 0 if a live node holds it. */
    static final String CLAIM_NAME =
            """
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] and redis.call('EXISTS', ARGV[2] .. holder) == 1 then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[1])
            return 1
            """;

    /** KEYS: name. ARGV: node. Deletes the claim only if the node holds it. */
    static final String RELEASE_NAME =
            """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private Keys() {}

    static String room(String roomKey) {
        return PREFIX + "room:" + roomKey;
    }

    static String log(String roomKey) {
        return PREFIX + "log:" + roomKey;
    }

    static String alivePrefix() {
        return PREFIX + "alive:";
    }

    static String alive(String node) {
        return alivePrefix() + node;
    }

    static String members(String node) {
        return PREFIX + "members:" + node;
    }

    static String name(String nameKey) {
        return PREFIX + "name:" + nameKey;
    }

    static String reap(String node) {
        return PREFIX + "reap:" + node;
    }
}
