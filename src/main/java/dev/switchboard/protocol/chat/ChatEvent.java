package dev.switchboard.protocol.chat;

/**
 * Something that happened in the chat and that other members must see. Every event goes
 * through {@link ChatBus#publish} and comes back to each node through
 * {@link LocalMembers#deliver}, which shows it to the local members it concerns. Rooms and
 * names are spelled as shown (the room's first spelling, the member's own name).
 */
public sealed interface ChatEvent {

    /** A line said in a room: every member but its sender sees {@code <from> text}. */
    record Said(String room, String from, String text) implements ChatEvent {}

    /** The room's other members see {@code * name joined}. */
    record Joined(String room, String name) implements ChatEvent {}

    /** The room's remaining members see {@code * name left}. */
    record Left(String room, String name) implements ChatEvent {}

    /** The room's other members see {@code * oldName is now newName}. */
    record Renamed(String room, String oldName, String newName) implements ChatEvent {}

    /** The member named {@code to}, wherever they are, sees {@code *from* text}. */
    record Whispered(String from, String to, String text) implements ChatEvent {}
}
