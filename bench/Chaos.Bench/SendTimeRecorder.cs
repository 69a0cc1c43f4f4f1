using System.Diagnostics;
using Chaos.Load;

namespace Chaos.Bench;

/// <summary>
/// Wraps a request factory and notes when each request was actually built. The generator builds a request
/// synchronously on its schedule loop just before sending it, so this is the actual send time of every request
/// that was not dropped (a dropped request is never built and keeps 0).
/// </summary>
public sealed class SendTimeRecorder : IRequestFactory
{
    private readonly IRequestFactory _inner;
    private readonly long[] _sentAt;

    public SendTimeRecorder(IRequestFactory inner, long totalRequests)
    {
        _inner = inner;
        _sentAt = new long[totalRequests];
    }

    /// <summary>Stopwatch timestamp per sequence number; 0 where the request was never built.</summary>
    public ReadOnlySpan<long> SentAt => _sentAt;

    public HttpRequestMessage Create(long sequence)
    {
        _sentAt[sequence] = Stopwatch.GetTimestamp();
        return _inner.Create(sequence);
    }
}
