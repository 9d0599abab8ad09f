package dev.switchboard.protocol.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.kit.FakeSession;
import dev.switchboard.protocol.ChatService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 12's property: any sequence of connects, joins, parts, renames and quits leaves every
 * room's member list (/who) and the room list (/rooms) equal to a simple model's.
 */
class ChatMembershipPropertiesTest {
    private static final List<String> ROOMS = List.of("#a", "#A", "#b", "#lobby", "#c.d");
    private static final List<String> NAMES = List.of("ann", "Ann", "bob", "guest-1", "guest-3");

    /** One step: what (0 connect, 1 join, 2 part, 3 nick, 4 quit), who (an index) and a pick. */
    record Step(int what, int who, int pick) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, 4))
                .as(Step::new)
                .list()
                .ofMaxSize(60);
    }

    /** The model: each client's name and room; rooms listed in the order they were opened. */
    private static final class Model {
        final Map<FakeSession, String[]> clients = new LinkedHashMap<>();
        final Map<String, List<FakeSession>> rooms = new LinkedHashMap<>();
        final Map<String, String> spelled = new LinkedHashMap<>();

        Model() {
            rooms.put("#lobby", new ArrayList<>());
            spelled.put("#lobby", "#lobby");
        }

        void enter(FakeSession s, String room) {
            String key = room.toLowerCase(Locale.ROOT);
            rooms.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            spelled.putIfAbsent(key, room);
            clients.get(s)[1] = key;
        }

        void leave(FakeSession s) {
            String key = clients.get(s)[1];
            rooms.get(key).remove(s);
            if (rooms.get(key).isEmpty() && !key.equals("#lobby")) {
                rooms.remove(key);
                spelled.remove(key);
            }
        }

        boolean taken(String name) {
            return clients.values().stream().anyMatch(c -> c[0].equalsIgnoreCase(name));
        }
    }

    @Property(tries = 400)
    void membershipMatchesAModelAfterAnySequence(@ForAll("steps") List<Step> steps) {
        ChatSettings settings = ChatSettings.defaults().withDataDir(Path.of("target", "no-such-data-dir"));
        ChatLoop loop = new ChatLoop() {
            @Override
            public void execute(Runnable task) {
                task.run();
            }

            @Override
            public void schedule(long delayNanos, Runnable task) {
                task.run();
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
        ChatService chat = new ChatService(4096, settings, loop, ChatBackend.local(settings, loop));
        Model model = new Model();
        List<FakeSession> sessions = new ArrayList<>();
        for (Step step : steps) {
            if (step.what() == 0 || sessions.isEmpty()) {
                FakeSession s = FakeSession.oneLinePerSend();
                chat.opened(s);
                String name = s.lines().get(0).substring("* welcome ".length());
                model.clients.put(s, new String[] {name, null});
                model.enter(s, "#lobby");
                sessions.add(s);
                continue;
            }
            FakeSession s = sessions.get(step.who() % sessions.size());
            String[] state = model.clients.get(s);
            switch (step.what()) {
                case 1 -> {
                    String room = ROOMS.get(step.pick());
                    say(chat, s, "/join " + room);
                    if (!room.equalsIgnoreCase(state[1])) {
                        model.leave(s);
                        model.enter(s, room);
                    }
                }
                case 2 -> {
                    say(chat, s, "/part");
                    if (!state[1].equals("#lobby")) {
                        model.leave(s);
                        model.enter(s, "#lobby");
                    }
                }
                case 3 -> {
                    String name = NAMES.get(step.pick());
                    say(chat, s, "/nick " + name);
                    boolean mine = name.equalsIgnoreCase(state[0]);
                    if (!name.equals(state[0]) && (mine || !model.taken(name))) {
                        state[0] = name;
                    }
                }
                default -> {
                    chat.closed(s);
                    model.leave(s);
                    model.clients.remove(s);
                    sessions.remove(s);
                }
            }
        }
        for (FakeSession s : sessions) {
            String room = model.clients.get(s)[1];
            List<String> expected = new ArrayList<>();
            model.rooms.get(room).forEach(m -> expected.add(model.clients.get(m)[0]));
            say(chat, s, "/who");
            assertEquals("* online: " + String.join(", ", expected), s.lastLine());
        }
        List<String> counts = new ArrayList<>();
        model.rooms.forEach((key, members) -> counts.add(model.spelled.get(key) + " (" + members.size() + ")"));
        FakeSession probe = FakeSession.oneLinePerSend();
        chat.opened(probe);
        say(chat, probe, "/rooms");
        counts.set(0, "#lobby (" + (model.rooms.get("#lobby").size() + 1) + ")");
        assertEquals("* rooms: " + String.join(", ", counts), probe.lastLine());
    }

    private static void say(ChatService chat, FakeSession s, String line) {
        chat.received(s, ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
    }
}
