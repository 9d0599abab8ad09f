package dev.switchboard.protocol.chat.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.chat.RoomDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterDirectoryTest {
    private boolean connected = true;
    private final List<String> claims = new ArrayList<>();
    private final List<String> forgotten = new ArrayList<>();
    private final ClusterDirectory d = new ClusterDirectory(
            "me",
            3,
            () -> connected,
            new NameClaims() {
                @Override
                public void claim(String name) {
                    claims.add("+" + name);
                }

                @Override
                public void release(String name) {
                    claims.add("-" + name);
                }
            },
            forgotten::add);

    private String local(String name, String room) {
        String guest = d.claimGuestName();
        d.enter(room, guest);
        if (!guest.equals(name)) {
            assertNull(d.rename(guest, name));
            d.rename(room, guest, name);
        }
        return name;
    }

    @Test
    void guestNamesCarryTheNodeAndNeedNoRedis() {
        connected = false;
        assertEquals("guest-1-me", d.claimGuestName());
        assertEquals("guest-2-me", d.claimGuestName());
    }

    @Test
    void aNameAnotherNodeHoldsIsTakenAndANewNameWaitsForRedis() {
        d.joined("other", 1, "#lobby", "bob");
        String guest = d.claimGuestName();
        d.enter("#lobby", guest);
        assertEquals("name BOB is taken", d.rename(guest, "BOB"));
        connected = false;
        assertTrue(d.rename(guest, "carol").startsWith("cannot take a new name"));
        connected = true;
        assertNull(d.rename(guest, "carol"));
        assertEquals(List.of("+" + guest, "+carol", "-" + guest), claims);
        assertEquals("bob", d.online("Bob"));
    }

    @Test
    void whoAndRoomsCountEveryNode() {
        local("alice", "#lobby");
        d.joined("other", 1, "#lobby", "bob");
        d.joined("third", 1, "#dev", "carol");
        assertEquals(List.of("alice", "bob"), d.members("#lobby"));
        assertEquals(List.of(new RoomDirectory.Count("#lobby", 2), new RoomDirectory.Count("#dev", 1)), d.rooms());
    }

    @Test
    void aStaleEventIsIgnoredAndASnapshotMendsWhatWasMissed() {
        d.joined("other", 5, "#lobby", "bob");
        d.left("other", 4, "#lobby", "bob");
        assertEquals("bob", d.online("bob"));
        // The leave (6) and a join (7) were missed; the snapshot at 7 shows where things are.
        d.snapshot("other", 7, Map.of("dave", "dave #dev"));
        assertNull(d.online("bob"));
        assertEquals(List.of("dave"), d.members("#dev"));
        d.snapshot("other", 6, Map.of());
        assertEquals("dave", d.online("dave"));
    }

    @Test
    void aRoomEmptiedByAnotherNodeIsForgottenHere() {
        d.joined("other", 1, "#dev", "bob");
        d.renamed("other", 2, "bob", "robert");
        assertEquals(List.of("robert"), d.members("#dev"));
        d.left("other", 3, "#dev", "robert");
        assertEquals(List.of("#dev"), forgotten);
        assertNull(d.find("#dev"));
    }

    @Test
    void aSnapshotThatOnlyRespellsAMemberKeepsTheirRoom() {
        d.joined("other", 1, "#dev", "bob");
        d.snapshot("other", 2, Map.of("bob", "Bob #dev"));
        assertEquals(List.of("Bob"), d.members("#dev"));
        d.snapshot("other", 3, Map.of("bob", "Bob #ops"));
        assertEquals(List.of("Bob"), d.members("#ops"));
        assertEquals(List.of("#dev"), forgotten);
    }

    @Test
    void aNodeGoneFromRedisTakesItsMembersAndAReapedLeaveAppliesWhateverItsNumber() {
        d.joined("other", 9, "#lobby", "bob");
        d.joined("other", 10, "#lobby", "eve");
        d.left("other", 0, "#lobby", "eve");
        assertNull(d.online("eve"));
        d.keepOnly(Set.of("me"));
        assertNull(d.online("bob"));
        assertEquals(List.of(), d.members("#lobby"));
    }

    @Test
    void theRoomLimitCountsEveryNodesRooms() {
        d.joined("other", 1, "#a", "bob");
        d.joined("other", 2, "#b", "eve");
        String guest = d.claimGuestName();
        assertNull(d.enter("#c", guest));
        assertEquals("#a", d.enter("#A", guest));
    }

    @Test
    void aNameTwoNodesGaveOutAtOnceIsCountedAndKeptByTheFirst() {
        local("zed", "#lobby");
        d.joined("other", 1, "#lobby", "Zed");
        assertEquals(1, d.conflicts);
        assertEquals("zed", d.online("ZED"));
        assertEquals(Map.of("zed", "zed #lobby"), d.localPresence());
    }
}
