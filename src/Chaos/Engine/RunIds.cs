using System.Globalization;
using System.Security.Cryptography;

namespace Chaos.Engine;

/// <summary>Run ids: sortable by start time, unique across concurrent runs, safe in container and file names.</summary>
public static class RunIds
{
    public static string New(TimeProvider time) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}");
}
