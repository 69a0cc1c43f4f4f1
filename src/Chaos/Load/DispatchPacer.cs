using System.Runtime.InteropServices;

namespace Chaos.Load;

/// <summary>
/// Blocks the dispatch thread until a request's due time. Timed waits wake about a millisecond late at best, so a loop
/// that only used them sent everything due in the meantime at once: at 64 in flight, bursts that size were dropped. The
/// last stretch is slept with the OS's high-resolution sleep (tens of microseconds on Linux), without spinning a core the
/// system under test needs.
/// </summary>
internal sealed class DispatchPacer
{
    /// <summary>Waits longer than this start on a timer, which may fire a few milliseconds late; the rest is slept finely.</summary>
    public static readonly TimeSpan FineWindow = TimeSpan.FromMilliseconds(3);

    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly bool _fineSleep;

    public DispatchPacer(TimeProvider time, long start)
    {
        _time = time;
        _start = start;
        _fineSleep = OperatingSystem.IsLinux();
    }

    /// <summary>Returns once <paramref name="due"/> (after the start) has come, or false when <paramref name="cancellationToken"/> fired first.</summary>
    public bool WaitUntil(TimeSpan due, CancellationToken cancellationToken)
    {
        var wait = due - _time.GetElapsedTime(_start);
        if (wait <= TimeSpan.Zero)
        {
            return !cancellationToken.IsCancellationRequested;
        }
        if (!_fineSleep)
        {
            // Without a fine sleep, a wait under a millisecond is not worth a timer that fires a millisecond late.
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                Delay(wait, cancellationToken);
            }
            return !cancellationToken.IsCancellationRequested;
        }
        if (wait > FineWindow)
        {
            Delay(wait - FineWindow + TimeSpan.FromMilliseconds(1), cancellationToken);
        }
        // The sleep runs on the real clock and the wait is measured on the injected one: in all, sleep no longer than the
        // wait left now, so a clock that does not advance (a fake one) cannot hold the loop.
        var budgetMicros = (long)Math.Min((due - _time.GetElapsedTime(_start)).TotalMicroseconds, FineWindow.TotalMicroseconds);
        while (budgetMicros > 0 && !cancellationToken.IsCancellationRequested)
        {
            var leftMicros = (long)(due - _time.GetElapsedTime(_start)).TotalMicroseconds;
            if (leftMicros <= 0)
            {
                break;
            }
            var sleep = Math.Clamp(leftMicros, 1, budgetMicros);
            _ = Sleep((uint)sleep);
            budgetMicros -= sleep;
        }
        return !cancellationToken.IsCancellationRequested;
    }

    // On the real clock the thread waits in the kernel, on the token's handle: a timer's callback is queued to the thread
    // pool, so a busy pool would wake the schedule late. Another clock (a fake one in tests) can only be waited on through
    // its own timers.
    private void Delay(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(_time, TimeProvider.System))
        {
            _ = cancellationToken.WaitHandle.WaitOne(wait);
            return;
        }
        Task.Delay(wait, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
    }

    // DllImport, not LibraryImport: the generated stub needs unsafe code in the whole project for one blittable call.
    [DllImport("libc", EntryPoint = "usleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Sleep(uint microseconds);
}
