package dev.edm.notify;

/** Sends a rendered message to one receiver (and, for SMS, one of its numbers). */
interface Channel {
    SendResult send(Receiver receiver, String address, Message message);
}
