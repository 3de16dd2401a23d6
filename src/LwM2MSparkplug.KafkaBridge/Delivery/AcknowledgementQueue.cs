namespace LwM2MSparkplug.KafkaBridge.Delivery;

/// <summary>
/// Releases MQTT acknowledgements in the order the messages arrived (MQTT 3.1.1 and 5.0 §4.6 require PUBACKs in
/// receive order), each only after Kafka confirmed that message. Kafka confirms partitions independently, so a
/// message confirmed early waits here for the ones received before it. Thread-safe.
/// </summary>
public sealed class AcknowledgementQueue<T>
{
    readonly LinkedList<Entry> _pending = new();
    readonly Dictionary<long, LinkedListNode<Entry>> _byTicket = [];
    readonly Lock _gate = new();
    long _nextTicket;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Registers a received message; the ticket completes it later.</summary>
    public long Enqueue(T item)
    {
        lock (_gate)
        {
            var ticket = ++_nextTicket;
            _byTicket[ticket] = _pending.AddLast(new Entry(ticket, item));
            return ticket;
        }
    }

    /// <summary>Marks a message confirmed; returns the messages that may now be acknowledged, in receive order.</summary>
    public IReadOnlyList<T> Complete(long ticket)
    {
        lock (_gate)
        {
            if (!_byTicket.TryGetValue(ticket, out var node))
            {
                return [];
            }
            node.Value.Done = true;
            List<T>? ready = null;
            while (_pending.First is { Value.Done: true } head)
            {
                (ready ??= []).Add(head.Value.Item);
                _byTicket.Remove(head.Value.Ticket);
                _pending.RemoveFirst();
            }
            return ready ?? [];
        }
    }

    sealed class Entry(long ticket, T item)
    {
        public long Ticket { get; } = ticket;
        public T Item { get; } = item;
        public bool Done { get; set; }
    }
}
