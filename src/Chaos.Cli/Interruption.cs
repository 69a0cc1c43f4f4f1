using System.Runtime.InteropServices;

namespace Chaos.Cli;

/// <summary>
/// Turns the first SIGINT/SIGTERM/SIGHUP into a cancellation, so the run reverts its faults and removes its stack before it
/// exits. A second signal ends the process at once (the next run reaps what is left).
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    public Interruption(TextWriter log)
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            // A closed terminal (a game day's window) hangs up: clean up as for Ctrl-C rather than die with the stack up.
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, Handle),
        ];

        void Handle(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref _signals) == 1)
            {
                context.Cancel = true;
                log.WriteLine($"{context.Signal}: stopping, reverting faults and removing the stack (again to quit at once)");
                _cancellation.Cancel();
            }
        }
    }

    public CancellationToken Token => _cancellation.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _cancellation.Dispose();
    }
}
