using System.Buffers.Binary;
using System.Text;
using Chaos.Faults.ModelCorruptArtifact;

namespace Chaos.Tests.Faults;

public sealed class OnnxTamperTests
{
    // An AttributeProto as protobuf writes it: field 1 (name), then field 7 (packed floats: tag 0x3A, varint length, data).
    private static byte[] Attribute(string name, float[] values, byte[]? prefix = null)
    {
        var bytes = new List<byte>(prefix ?? [0x0A, (byte)name.Length]);
        bytes.AddRange(Encoding.ASCII.GetBytes(name));
        bytes.Add(0x3A);
        var length = values.Length * 4;
        while (length >= 0x80)
        {
            bytes.Add((byte)((length & 0x7F) | 0x80));
            length >>= 7;
        }
        bytes.Add((byte)length);
        foreach (var value in values)
        {
            var buffer = new byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(buffer, value);
            bytes.AddRange(buffer);
        }
        bytes.AddRange([0xA0, 0x01, 0x06]); // type = FLOATS (field 20), after the floats
        return [.. bytes];
    }

    private static float[] FloatsAfter(byte[] bytes, int headerLength, int count) =>
        Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(headerLength + (4 * i), 4))).ToArray();

    [Fact]
    public void NegateTreeWeights_TargetWeights_NegatesEveryValueAndKeepsTheLength()
    {
        var weights = Enumerable.Range(0, 40).Select(i => (i - 20) * 0.25f).ToArray(); // 160 bytes: a two-byte varint
        var original = Attribute("target_weights", weights);

        var (tampered, negated) = OnnxTamper.NegateTreeWeights(original).ShouldNotBeNull();

        negated.ShouldBe(40);
        tampered.Length.ShouldBe(original.Length);
        var header = 2 + "target_weights".Length + 1 + 2;
        FloatsAfter(tampered, header, 40).ShouldBe(weights.Select(w => -w).ToArray());
        tampered.AsSpan(0, header).SequenceEqual(original.AsSpan(0, header)).ShouldBeTrue();
        tampered.AsSpan(header + 160).SequenceEqual(original.AsSpan(header + 160)).ShouldBeTrue();
        FloatsAfter(original, header, 40).ShouldBe(weights, "the original must be left alone");
    }

    [Fact]
    public void NegateTreeWeights_ClassWeights_AreTheFallback() =>
        OnnxTamper.NegateTreeWeights(Attribute("class_weights", [1f, 2f])).ShouldNotBeNull().Negated.ShouldBe(2);

    [Fact]
    public void NegateTreeWeights_NoTreeWeights_IsNull() =>
        OnnxTamper.NegateTreeWeights(Attribute("nodes_values", [1f, 2f])).ShouldBeNull();

    [Fact]
    public void NegateTreeWeights_LengthPastTheEnd_IsNull()
    {
        var bytes = Attribute("target_weights", [1f, 2f]);
        OnnxTamper.NegateTreeWeights(bytes[..^8]).ShouldBeNull();
    }
}
