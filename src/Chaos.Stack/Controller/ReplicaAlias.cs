using System.Globalization;

namespace Chaos.Stack.Controller;

/// <summary>Replica aliases of the form <c>{role}-{n}</c> (inference-1, inference-2, ...), stable across replacements.</summary>
public static class ReplicaAlias
{
    /// <summary>The alias of replica number <paramref name="ordinal"/>.</summary>
    public static string Format(string role, int ordinal) => $"{role}-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The replica number in <paramref name="alias"/>; false when it is not <c>{role}-{n}</c> with n &gt;= 1.</summary>
    public static bool TryParse(string role, string alias, out int ordinal)
    {
        ordinal = 0;
        var prefix = role + "-";
        return alias.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(alias.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out ordinal)
            && ordinal >= 1;
    }
}
