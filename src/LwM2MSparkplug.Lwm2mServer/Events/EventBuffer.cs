using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using LwM2MSparkplug.ServiceDefaults;

namespace LwM2MSparkplug.Lwm2mServer.Events;

/// <summary>
/// A bounded, ordered log of LwM2M events with monotonically increasing sequence numbers (starting at 1),
/// read after a cursor: the caller's own (<c>?after=N</c>) or a named server-side one (<c>?consumer=NAME</c>).
/// When full, the oldest event is dropped. The log has an id, <see cref="Log"/>, new with every buffer (every start of
/// the server): sequence numbers begin again at 1 with it, so a cursor is meaningful only with the log it came from.
/// </summary>
public sealed class EventBuffer
{
    readonly Lwm2mEvent?[] _ring;
    readonly int _maxConsumers;
    readonly JsonSerializerOptions _json;
    readonly Dictionary<string, ConsumerCursor> _cursors = new(StringComparer.Ordinal);
    readonly Lock _gate = new();
    long _lastSequence;
    TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EventBuffer(int capacity, int maxConsumers, JsonSerializerOptions json)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(json);
        _ring = new Lwm2mEvent?[capacity];
        _maxConsumers = maxConsumers;
        _json = json;
        Log = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    }

    public int Capacity => _ring.Length;

    /// <summary>This log's id: 16 hex digits, random, so no two runs of the server share one.</summary>
    public string Log { get; }

    public EventLogPosition Position
    {
        get
        {
            lock (_gate)
            {
                return new EventLogPosition(Log, OldestLocked(), _lastSequence);
            }
        }
    }

    /// <summary>Events dropped from the buffer because it was full.</summary>
    public long Evicted { get; private set; }

    /// <summary>Events readers asked for that had already been dropped.</summary>
    public long Missed { get; private set; }

    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _lastSequence;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return (int)Math.Min(_lastSequence, _ring.Length);
            }
        }
    }

    public Lwm2mEvent Append(string type, string endpoint, DateTimeOffset timestamp, object? data)
    {
        lock (_gate)
        {
            var sequence = _lastSequence + 1;
            var stored = new Lwm2mEvent(sequence, type, endpoint, timestamp, Serialize(sequence, type, endpoint, timestamp, data));
            var slot = (int)((sequence - 1) % _ring.Length);
            if (_ring[slot] is not null)
            {
                Evicted++;
            }
            _ring[slot] = stored;
            _lastSequence = sequence;
            var appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            appended.TrySetResult();
            return stored;
        }
    }

    /// <summary>Events with a sequence number greater than <paramref name="after"/>, oldest first.</summary>
    public EventPage ReadAfter(long after, int limit)
    {
        lock (_gate)
        {
            return ReadLocked(after, limit);
        }
    }

    /// <summary>The newest events kept, at most <paramref name="limit"/>, newest first; no cursor moves.</summary>
    public IReadOnlyList<Lwm2mEvent> ReadLatest(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        lock (_gate)
        {
            var count = (int)Math.Min(Math.Min(limit, _ring.Length), _lastSequence);
            var events = new Lwm2mEvent[count];
            for (var i = 0; i < count; i++)
            {
                events[i] = _ring[(int)((_lastSequence - 1 - i) % _ring.Length)]!;
            }
            return events;
        }
    }

    /// <summary>
    /// Reads after the named consumer's cursor and advances it past what is returned. Without
    /// <paramref name="acknowledgementTimeout"/> what is returned counts as taken, so one poller neither loses nor
    /// repeats events while it runs. With it, the consumer acknowledges what it has written (<see cref="Acknowledge"/>),
    /// and what it does not acknowledge within the timeout is returned again (<see cref="Redelivered"/>). False when
    /// the consumer is new and the consumer limit is reached.
    /// </summary>
    public bool TryReadForConsumer(string consumer, int limit, out EventPage page, DateTimeOffset now = default, TimeSpan? acknowledgementTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        lock (_gate)
        {
            if (!_cursors.TryGetValue(consumer, out var cursor))
            {
                if (_cursors.Count >= _maxConsumers)
                {
                    page = default;
                    return false;
                }
                cursor = default;
            }
            var (after, redelivers) = cursor.NextRead(now, acknowledgementTimeout);
            page = ReadLocked(after, limit);
            if (redelivers)
            {
                Redelivered += page.Events.Count;
            }
            var oldest = OldestLocked();
            var last = page.Events.Count > 0 ? page.Events[^1].Sequence : Math.Max(after, oldest - 1);
            _cursors[consumer] = cursor.Delivering(last, page.Events.Count > 0, oldest, now, acknowledgementTimeout is not null);
            return true;
        }
    }

    /// <summary>Events handed out again to an acknowledging consumer because it did not acknowledge them in time.</summary>
    public long Redelivered { get; private set; }

    /// <summary>
    /// The named consumer has written every event up to <paramref name="sequence"/> of log <paramref name="log"/>:
    /// they are not handed out to it again.
    /// </summary>
    public EventAcknowledgement Acknowledge(string consumer, string log, long sequence)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        lock (_gate)
        {
            if (!string.Equals(log, Log, StringComparison.Ordinal))
            {
                return EventAcknowledgement.OtherLog;
            }
            if (!_cursors.TryGetValue(consumer, out var cursor))
            {
                return EventAcknowledgement.UnknownConsumer;
            }
            if (sequence > cursor.Delivered)
            {
                return EventAcknowledgement.NotDelivered;
            }
            _cursors[consumer] = cursor.Acknowledging(sequence);
            return EventAcknowledgement.Acknowledged;
        }
    }

    /// <summary>The named consumer's cursor, for its answers; null for an unknown consumer.</summary>
    public ConsumerCursor? CursorOf(string consumer)
    {
        lock (_gate)
        {
            return _cursors.TryGetValue(consumer, out var cursor) ? cursor : null;
        }
    }

    /// <summary>Completes when an event with a sequence number greater than <paramref name="after"/> exists.</summary>
    public Task WaitForEventAfterAsync(long after, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _lastSequence > after ? Task.CompletedTask : _appended.Task.WaitAsync(cancellationToken);
        }
    }

    EventPage ReadLocked(long after, int limit)
    {
        var oldest = OldestLocked();
        var missed = 0L;
        var firstMissed = 0L;
        if (after < oldest - 1)
        {
            // Cursor 0 means "from the oldest event kept"; only a reader that had a position can miss events.
            if (after > 0)
            {
                missed = oldest - 1 - after;
                firstMissed = after + 1;
                Missed += missed;
            }
            after = oldest - 1;
        }
        var count = (int)Math.Clamp(_lastSequence - after, 0, limit);
        var events = new Lwm2mEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = _ring[(int)((after + i) % _ring.Length)]!;
        }
        return new EventPage(events, missed, _lastSequence, Log, firstMissed);
    }

    // While the log is empty this is LastSequence + 1 (1): the next event's number.
    long OldestLocked() => Math.Max(1, _lastSequence - _ring.Length + 1);

    ReadOnlyMemory<byte> Serialize(long sequence, string type, string endpoint, DateTimeOffset timestamp, object? data)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonDefaults.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("log", Log);
            writer.WriteNumber("sequence", sequence);
            writer.WriteString("type", type);
            writer.WriteString("endpoint", endpoint);
            writer.WriteString("timestamp", timestamp);
            if (data is not null)
            {
                writer.WritePropertyName("data");
                JsonSerializer.Serialize(writer, data, data.GetType(), _json);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
