using System.Runtime.InteropServices;

namespace Chaos.Stack.Hosting;

/// <summary>
/// Ends the process at once, as a SIGKILL would: libc <c>_exit(137)</c> runs no shutdown, no finaliser and flushes no
/// buffer. (A container's PID 1 cannot SIGKILL itself: the kernel drops signals to a namespace's init from inside it.)
/// </summary>
public static partial class ProcessCrash
{
    /// <summary>The status a SIGKILLed process reports (128 + 9).</summary>
    public const int KilledStatus = 137;

    public static void Now() => Exit(KilledStatus);

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int status);
}
