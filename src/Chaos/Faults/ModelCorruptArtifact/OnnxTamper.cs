using System.Buffers.Binary;
using System.Text;

namespace Chaos.Faults.ModelCorruptArtifact;

/// <summary>
/// A tampered ONNX artifact that still parses: the leaf values of the tree ensemble (<c>target_weights</c>, or
/// <c>class_weights</c>) negated in place, so the file keeps its length and structure and loads fine, but every score flips
/// sign and the probabilities turn over. Only a digest check tells it from the real one.
/// </summary>
public static class OnnxTamper
{
    private static readonly string[] WeightAttributes = ["target_weights", "class_weights"];

    /// <summary>The tampered copy and how many weights were negated; null when the artifact has no tree weights to negate.</summary>
    public static (byte[] Bytes, int Negated)? NegateTreeWeights(byte[] onnx)
    {
        foreach (var attribute in WeightAttributes)
        {
            // AttributeProto: name (field 1) then floats (field 7, packed: tag 0x3A, varint length, little-endian floats);
            // serialisers write fields in number order, so the floats follow the name directly.
            var name = Encoding.ASCII.GetBytes(attribute);
            var at = onnx.AsSpan().IndexOf(name);
            if (at < 0)
            {
                continue;
            }
            var position = at + name.Length;
            if (position >= onnx.Length || onnx[position] != 0x3A)
            {
                continue;
            }
            position++;
            var length = 0;
            var shift = 0;
            while (position < onnx.Length && shift < 35)
            {
                var b = onnx[position++];
                length |= (b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }
            if (length <= 0 || length % 4 != 0 || position + length > onnx.Length)
            {
                continue;
            }
            var copy = (byte[])onnx.Clone();
            for (var offset = position; offset < position + length; offset += 4)
            {
                var value = BinaryPrimitives.ReadSingleLittleEndian(copy.AsSpan(offset, 4));
                BinaryPrimitives.WriteSingleLittleEndian(copy.AsSpan(offset, 4), -value);
            }
            return (copy, length / 4);
        }
        return null;
    }
}
