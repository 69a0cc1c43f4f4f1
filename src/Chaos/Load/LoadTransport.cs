namespace Chaos.Load;

/// <summary>What the generator needs of an answer: its outcome class, the region that served it, and its body when asked.</summary>
public readonly record struct LoadAnswer(Outcome Outcome, string? Region, byte[]? Body);

/// <summary>
/// How the load generator sends a request and reads its answer. <see cref="Over"/> sends through .NET's HTTP stack (an
/// <see cref="HttpMessageInvoker"/>), whose answers arrive on the socket engine's threads. <see cref="EventLoop"/> (Linux)
/// does all of its I/O on the generator's dispatch thread, as wrk does: it sends what is due and waits for answers in
/// epoll until the next due time, so a request costs no hand-over between threads (bench/README.md, saturation).
/// A transport maps every failure of the system under test to an outcome; it throws only when the generator is at fault.
/// </summary>
public abstract class LoadTransport : IDisposable
{
    /// <summary>
    /// Sends through an <see cref="HttpMessageInvoker"/> (an <see cref="HttpClient"/>, or one straight over a handler); the
    /// caller owns it unless <paramref name="disposeInvoker"/> hands it over.
    /// </summary>
    public static LoadTransport Over(HttpMessageInvoker invoker, bool disposeInvoker = false) => new InvokerTransport(invoker, disposeInvoker);

    /// <summary>
    /// Plain HTTP/1.1 over at most <paramref name="maxConnections"/> keep-alive connections, driven by the generator's own
    /// thread (Linux only; see <see cref="EventLoopTransport"/>).
    /// </summary>
    public static LoadTransport EventLoop(int maxConnections) => EventLoopSupported
        ? new EventLoopTransport(maxConnections, LoadHandler.ConnectionLifetime)
        : throw new PlatformNotSupportedException("the event-loop load transport needs x86-64 Linux (epoll)");

    /// <summary>Whether <see cref="EventLoop"/> works here: x86-64 Linux.</summary>
    [System.Runtime.Versioning.SupportedOSPlatformGuard("linux")]
    public static bool EventLoopSupported =>
        OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64;

    /// <summary>
    /// Sends <paramref name="request"/> and classifies the answer. The body is read always (an answer is complete only then)
    /// and returned when <paramref name="keepBody"/> is set and the answer is a success. Timeouts (<paramref name="timeout"/>)
    /// and transport failures come back as outcomes.
    /// </summary>
    public abstract ValueTask<LoadAnswer> SendAsync(HttpRequestMessage request, bool keepBody, CancellationToken timeout);

    /// <summary>Whether the generator must call <see cref="Poll"/> on its dispatch thread for answers to arrive.</summary>
    internal virtual bool PolledByDispatch => false;

    /// <summary>Handles the I/O that is ready, waiting for some at most <paramref name="maxWait"/>; completes answered sends inline.</summary>
    internal virtual void Poll(TimeSpan maxWait)
    {
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    private sealed class InvokerTransport(HttpMessageInvoker invoker, bool disposeInvoker) : LoadTransport
    {
        public override async ValueTask<LoadAnswer> SendAsync(HttpRequestMessage request, bool keepBody, CancellationToken timeout)
        {
            try
            {
                using var response = await invoker.SendAsync(request, timeout).ConfigureAwait(false);
                var outcome = OutcomeClassifier.Classify(response);
                var region = RegionAnswerLog.RegionOf(response);
                if (keepBody && outcome is Outcome.Ok or Outcome.Degraded)
                {
                    return new LoadAnswer(outcome, region, await response.Content.ReadAsByteArrayAsync(timeout).ConfigureAwait(false));
                }
                // The answer is complete only once its body is read (an HttpMessageInvoker does not buffer it), and an
                // unread body would cost the connection.
                await response.Content.CopyToAsync(Stream.Null, timeout).ConfigureAwait(false);
                return new LoadAnswer(outcome, region, null);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
            {
                return new LoadAnswer(OutcomeClassifier.Classify(exception), null, null);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && disposeInvoker)
            {
                invoker.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
