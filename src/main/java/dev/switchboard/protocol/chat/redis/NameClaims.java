package dev.switchboard.protocol.chat.redis;

/** What names and claims go through while this node may not be the only one that asks. */
interface NameClaims {
    void claim(String name);

    void release(String name);
}
