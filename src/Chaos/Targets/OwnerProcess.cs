using System.Diagnostics;
using System.Globalization;

namespace Chaos.Targets;

/// <summary>Identifies a process by pid and kernel start time, so a reused pid is not mistaken for the owner.</summary>
public static class OwnerProcess
{
    public static string Current { get; } = Describe(Environment.ProcessId);

    public static string Describe(int pid) => $"{pid}:{StartTime(pid) ?? "?"}";

    /// <summary>True when the process named by an owner label still runs.</summary>
    public static bool IsAlive(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }
        var start = StartTime(pid);
        return start is not null && (parts[1] == "?" || parts[1] == start);
    }

    private static string? StartTime(int pid)
    {
        try
        {
            // Field 22 of /proc/<pid>/stat is the start time in clock ticks; the command name (field 2) may hold spaces.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[19];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return Process.GetProcesses().Any(p => p.Id == pid) ? "?" : null;
        }
    }
}
