namespace Chaos.Stack.Stress;

/// <summary>What the <c>stress</c> role burns: cores kept busy and megabytes held, for a bounded duration.</summary>
public sealed record StressOptions(int Cores, int MemoryMegabytes, TimeSpan Duration)
{
    /// <summary>The most cores the role burns.</summary>
    public const int MaxCores = 8;

    /// <summary>The most memory the role holds.</summary>
    public const int MaxMemoryMegabytes = 4096;

    /// <summary>The longest the role runs.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);
}
