using System.Security.Cryptography;

namespace Chaos.Stack.Contracts;

/// <summary>SHA-256 digests as lowercase hex, the form models.json stores.</summary>
public static class FileDigest
{
    /// <summary>The lowercase hex SHA-256 of <paramref name="content"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> content) =>
        Convert.ToHexStringLower(SHA256.HashData(content));
}
