package dev.switchboard.protocol.chat;

import java.util.concurrent.Executor;

/**
 * Where the chat keeps what is shared: names, rooms, history, registered names, and the bus
 * its events go through. {@link #local} keeps everything in this process; a backplane (issue
 * 14) builds the same five over Redis, delivering its events into {@code members}.
 *
 * @param members this node's members, where the bus delivers
 */
public record ChatBackend(
        NameDirectory names,
        RoomDirectory rooms,
        History history,
        Accounts accounts,
        ChatBus bus,
        LocalMembers members) {

    /** A chat of this node alone; reads the registered names now (start-up). */
    public static ChatBackend local(ChatSettings settings, Executor loop) {
        LocalMembers members = new LocalMembers();
        return new ChatBackend(
                new LocalNames(),
                new LocalRooms(settings.maxRooms()),
                new LocalHistory(settings.historyLines(), LocalHistory.DEFAULT_MAX_CHARS),
                new LocalAccounts(settings.dataDir(), settings.hashIterations(), loop),
                ChatBus.local(members),
                members);
    }
}
