package dev.switchboard.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenerSpecTest {
    @Test
    void aListenerIsPlaintextUntilItsTlsTwinIsMadeWhichSaysSoAndIsLabelledPlusTls() {
        ListenerSpec plain = ListenerSpec.of("chat", c -> null).idleTimeoutNanos(7);
        ListenerSpec tls = plain.tls(s -> s);
        assertFalse(plain.tls());
        assertTrue(tls.tls());
        assertEquals("chat", plain.label());
        assertEquals("chat+tls", tls.label());
        assertEquals("chat", tls.protocol());
        assertEquals(7, tls.idleTimeoutNanos(), "the rest of the listener is kept");
        assertTrue(tls.counted(false).proxyTrusted(java.util.List.of()).tls(), "kept through later changes");
        assertFalse(plain.label("renamed+tls").tls(), "a label does not make a listener TLS");
    }
}
