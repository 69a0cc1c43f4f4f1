using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Chaos.Load;

/// <summary>An HTTP/1.x answer as load needs it: status, the degraded and region headers, the body, and whether the connection closes.</summary>
internal readonly record struct Http1Answer(int Status, bool Degraded, string? Region, bool Close, int BodyStart, int BodyLength, bool Chunked);

/// <summary>
/// Parses HTTP/1.x answers out of bytes as they arrive, without copying: <see cref="TryParse"/> says whether the bytes hold
/// a whole answer yet. Framing as RFC 9112 section 6: no body for 1xx, 204 and 304; chunked; Content-Length; otherwise the
/// body runs to the end of the connection. Only what load needs is read of the headers.
/// </summary>
internal static class Http1AnswerParser
{
    /// <summary>The most header bytes an answer may have.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    public enum State
    {
        /// <summary>More bytes are needed.</summary>
        Incomplete,
        /// <summary>A whole answer: <c>answer</c> and <c>length</c> (bytes it took) are set.</summary>
        Complete,
    }

    /// <summary>
    /// Looks for one whole answer at the start of <paramref name="data"/>; <paramref name="ended"/> says the peer closed
    /// the connection after these bytes. Throws <see cref="FormatException"/> for bytes that are not an HTTP/1.x answer.
    /// </summary>
    public static State TryParse(ReadOnlySpan<byte> data, bool ended, out Http1Answer answer, out int length)
    {
        answer = default;
        length = 0;
        var headEnd = data.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            if (data.Length > MaxHeaderBytes)
            {
                throw new FormatException($"the answer's headers exceed {MaxHeaderBytes} bytes");
            }
            if (ended)
            {
                throw new FormatException(data.IsEmpty ? "the connection closed before an answer" : "the connection closed in the middle of an answer's headers");
            }
            return State.Incomplete;
        }
        var head = ParseHead(data[..(headEnd + 2)]);
        var bodyStart = headEnd + 4;
        if (head.Status is (>= 100 and < 200) or 204 or 304)
        {
            answer = head with { BodyStart = bodyStart, BodyLength = 0 };
            length = bodyStart;
            return State.Complete;
        }
        if (head.Chunked)
        {
            var end = ChunkedEnd(data[bodyStart..], out var bodyLength);
            if (end < 0)
            {
                return ended ? throw new FormatException("the connection closed in the middle of a chunked body") : State.Incomplete;
            }
            answer = head with { BodyStart = bodyStart, BodyLength = bodyLength };
            length = bodyStart + end;
            return State.Complete;
        }
        if (head.BodyLength >= 0)
        {
            if (data.Length - bodyStart < head.BodyLength)
            {
                return ended ? throw new FormatException($"the connection closed after {data.Length - bodyStart} of {head.BodyLength} body bytes") : State.Incomplete;
            }
            answer = head with { BodyStart = bodyStart };
            length = bodyStart + head.BodyLength;
            return State.Complete;
        }
        // No length: the body is everything until the server closes.
        if (!ended)
        {
            return State.Incomplete;
        }
        answer = head with { BodyStart = bodyStart, BodyLength = data.Length - bodyStart, Close = true };
        length = data.Length;
        return State.Complete;
    }

    /// <summary>The body of a chunked answer, its chunks joined (for <see cref="Http1Answer.Chunked"/> answers).</summary>
    public static byte[] Dechunk(ReadOnlySpan<byte> chunked)
    {
        var body = new List<byte>(chunked.Length);
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n"u8);
            var size = ChunkSize(chunked[..lineEnd]);
            if (size == 0)
            {
                return [.. body];
            }
            body.AddRange(chunked.Slice(lineEnd + 2, size));
            chunked = chunked[(lineEnd + 2 + size + 2)..];
        }
    }

    // Where the chunked body ends (past the blank line after the last chunk and any trailers), or -1 if not yet.
    private static int ChunkedEnd(ReadOnlySpan<byte> body, out int bodyLength)
    {
        bodyLength = 0;
        var at = 0;
        while (true)
        {
            var lineEnd = body[at..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return -1;
            }
            var size = ChunkSize(body.Slice(at, lineEnd));
            at += lineEnd + 2;
            if (size == 0)
            {
                // Trailers, then a blank line.
                while (true)
                {
                    var trailerEnd = body[at..].IndexOf("\r\n"u8);
                    if (trailerEnd < 0)
                    {
                        return -1;
                    }
                    at += trailerEnd + 2;
                    if (trailerEnd == 0)
                    {
                        bodyLength = body[..at].Length;
                        return at;
                    }
                }
            }
            if (body.Length - at < size + 2)
            {
                return -1;
            }
            if (!body.Slice(at + size, 2).SequenceEqual("\r\n"u8))
            {
                throw new FormatException("a chunk is longer than its size says");
            }
            at += size + 2;
        }
    }

    private static int ChunkSize(ReadOnlySpan<byte> line)
    {
        var extension = line.IndexOf((byte)';');
        var text = Encoding.ASCII.GetString(extension >= 0 ? line[..extension] : line).Trim();
        return int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) && size >= 0
            ? size
            : throw new FormatException($"a chunk size of '{text}' is not a hexadecimal number");
    }

    // The status line and headers (each line ending in CRLF). BodyLength is -1 when there is no Content-Length.
    private static Http1Answer ParseHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = head[..lineEnd];
        // "HTTP/1.1 200 OK": the version, one space, three digits.
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100)
        {
            throw new FormatException($"not an HTTP/1.x status line: '{Encoding.ASCII.GetString(statusLine[..Math.Min(statusLine.Length, 40)])}'");
        }
        var close = statusLine[7] == (byte)'0'; // HTTP/1.0 closes unless it says keep-alive
        var contentLength = -1;
        bool chunked = false, degraded = false;
        string? region = null;
        var rest = head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = rest[..lineEnd];
            rest = rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new FormatException($"a header line without a name: '{Encoding.ASCII.GetString(line[..Math.Min(line.Length, 40)])}'");
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out int parsed, out consumed) || consumed != value.Length || parsed < 0)
                {
                    throw new FormatException($"Content-Length '{Encoding.ASCII.GetString(value)}' is not a length");
                }
                contentLength = parsed;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8) || (close && !Ascii.EqualsIgnoreCase(value, "keep-alive"u8));
            }
            else if (Ascii.EqualsIgnoreCase(name, OutcomeClassifier.DegradedHeaderUtf8))
            {
                degraded |= Ascii.EqualsIgnoreCase(value, "true"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, RegionAnswerLog.RegionHeaderUtf8))
            {
                region ??= Encoding.ASCII.GetString(value);
            }
        }
        return new Http1Answer(status, degraded, region, close, 0, contentLength, chunked);
    }
}
