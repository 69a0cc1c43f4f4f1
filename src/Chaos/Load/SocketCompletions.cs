namespace Chaos.Load;

/// <summary>
/// Where the continuations of socket operations run. By default .NET's socket engine hands every completion from its
/// event thread to the thread pool: one more wake-up per answer, which at tens of thousands of answers a second on a
/// small machine is a large share of the load generator's cost (measured in bench/README.md: the generator completed
/// about 13% more per second against the same target with inline completions). With
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> the continuation runs on the event thread itself. That is only
/// safe when no continuation blocks on another socket operation; the harness's code never waits synchronously on I/O.
/// The runtime reads the variable once, when the process first uses a socket asynchronously, so this must run first.
/// </summary>
public static class SocketCompletions
{
    /// <summary>The runtime's switch (System.Net.Sockets, Unix socket engine).</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Turns inline completions on for this process unless the variable is already set (a user's explicit <c>0</c> wins).
    /// Returns whether they are on.
    /// </summary>
    public static bool PreferInline() =>
        PreferInline(Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    /// <summary>The same over a given environment (for tests).</summary>
    public static bool PreferInline(Func<string, string?> get, Action<string, string> set)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(set);
        if (get(Variable) is { } explicitValue)
        {
            return explicitValue == "1";
        }
        set(Variable, "1");
        return true;
    }
}
