using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chaos.Bench;

/// <summary>
/// A third baseline: a closed loop over plain .NET sockets, one connection per worker, the request serialised once and the
/// answer read by its Content-Length (the bench target always sends one). What .NET's sockets reach on this machine with
/// no HTTP stack above them.
/// </summary>
public static class ClosedLoopRaw
{
    public static byte[] Serialise(Uri target, byte[] body) => Encoding.ASCII.GetBytes(
        $"POST {target.PathAndQuery} HTTP/1.1\r\nHost: {target.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n")
        .Concat(body).ToArray();

    public static async Task<double> RequestsPerSecondAsync(Uri target, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var request = Serialise(target, FixedRequestFactory.Body);
        var endPoint = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        var completed = 0L;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endPoint, cancellationToken);
            var buffer = new byte[4096];
            for (var i = 0L; i < ClosedLoopHttpClient.MaxRequestsPerWorker && Stopwatch.GetTimestamp() < end; i++)
            {
                await socket.SendAsync(request, SocketFlags.None, cancellationToken);
                if (await ReadAnswerAsync(socket, buffer, cancellationToken))
                {
                    Interlocked.Increment(ref completed);
                }
            }
        }, cancellationToken)));
        return completed / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Reads one answer; true for a 2xx.</summary>
    private static async Task<bool> ReadAnswerAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the target closed the connection");
            }
            filled += read;
            if (Answer.Complete(buffer.AsSpan(0, filled)) is { } status)
            {
                return status is >= 200 and < 300;
            }
        }
    }
}

/// <summary>The bench target's answers: a status line and a Content-Length.</summary>
public static class Answer
{
    /// <summary>The status of the answer at the start of <paramref name="span"/> once all of it is there, else null.</summary>
    public static int? Complete(ReadOnlySpan<byte> span)
    {
        var headEnd = span.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return null;
        }
        var head = span[..headEnd];
        var lengthAt = head.IndexOf("Content-Length: "u8);
        if (head.Length < 12 || lengthAt < 0)
        {
            throw new IOException("the target's answer has no Content-Length");
        }
        var value = head[(lengthAt + 16)..];
        var lineEnd = value.IndexOf("\r\n"u8);
        var length = int.Parse(lineEnd < 0 ? value : value[..lineEnd], System.Globalization.CultureInfo.InvariantCulture);
        if (span.Length < headEnd + 4 + length)
        {
            return null;
        }
        if (span.Length > headEnd + 4 + length)
        {
            throw new IOException("the target sent more than one answer");
        }
        return int.Parse(head.Slice(9, 3), System.Globalization.CultureInfo.InvariantCulture);
    }
}
