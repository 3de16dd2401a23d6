using System.Buffers.Binary;
using System.Text;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Listener;

/// <summary>Reads the two CONNACK properties the broker front sets (MQTT 5 §3.2.2.3).</summary>
static class MqttV5Properties
{
    const byte MaximumPacketSize = 0x27;
    const byte AssignedClientIdentifier = 0x12;

    /// <summary>Maximum Packet Size and Assigned Client Identifier of an MQTT 5 CONNACK body, null where absent.</summary>
    public static (uint? MaximumPacketSize, string? AssignedClientIdentifier) ReadConnAck(byte[] body)
    {
        var (length, position) = ReadVariableByteInteger(body, 2);
        uint? maximumPacketSize = null;
        string? assignedClientIdentifier = null;
        var end = position + length;
        while (position < end)
        {
            var identifier = body[position++];
            switch (identifier)
            {
                case MaximumPacketSize:
                    maximumPacketSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(position));
                    position += 4;
                    break;
                case AssignedClientIdentifier:
                    var size = BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(position));
                    assignedClientIdentifier = Encoding.UTF8.GetString(body, position + 2, size);
                    position += 2 + size;
                    break;
                default:
                    position += SkipLength(identifier, body, position);
                    break;
            }
        }
        return (maximumPacketSize, assignedClientIdentifier);
    }

    static (int Value, int Next) ReadVariableByteInteger(byte[] bytes, int position)
    {
        var value = 0;
        var shift = 0;
        byte digit;
        do
        {
            digit = bytes[position++];
            value |= (digit & 0x7F) << shift;
            shift += 7;
        }
        while ((digit & 0x80) != 0);
        return (value, position);
    }

    /// <summary>Length of a property value that the tests do not read, by the property's type.</summary>
    static int SkipLength(byte identifier, byte[] body, int position) => identifier switch
    {
        // Byte properties: maximum QoS, retain, wildcard / subscription id / shared subscription available.
        0x24 or 0x25 or 0x28 or 0x29 or 0x2A => 1,
        // Two-byte integers: server keep alive, receive maximum, topic alias maximum.
        0x13 or 0x21 or 0x22 => 2,
        // Four-byte integer: session expiry interval.
        0x11 => 4,
        // UTF-8 pair: user property.
        0x26 => 2 + BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(position))
            + 2 + BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(position + 2 + BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(position)))),
        // Strings and binary data: reason string, response information, server reference, authentication method / data.
        _ => 2 + BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(position)),
    };
}
