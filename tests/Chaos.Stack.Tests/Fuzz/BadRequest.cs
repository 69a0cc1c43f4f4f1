namespace Chaos.Stack.Tests.Fuzz;

/// <summary>
/// One generated bad request. <see cref="MustBeRejected"/> is false where the request is odd but still a valid
/// inference call (a valid body under text/plain, a duplicate key whose last value is valid, Unicode in the id), so 200 is allowed.
/// </summary>
public sealed record BadRequest(FuzzCategory Category, string Variant, HttpMethod Method, string Path, byte[]? Body, string? ContentType, bool MustBeRejected)
{
    /// <summary>Send the body without Content-Length (chunked), so the size limit is found while reading.</summary>
    public bool Chunked { get; init; }

    /// <summary>Send <c>Expect: 100-continue</c> and wait for the server's go-ahead before uploading, as careful clients of big uploads do.</summary>
    public bool ExpectContinue { get; init; }

    /// <summary>
    /// True for an oversized body uploaded without waiting for 100-continue: the server answers 413 at once and closes the
    /// connection (RFC 9112 section 9.6) while the client is still sending, so HttpClient may see the write fail instead of the answer.
    /// </summary>
    public bool ServerMayCloseMidUpload => Category == FuzzCategory.HugeBody && !ExpectContinue;

    /// <summary>The request message; built fresh for each send because HttpContent is single-use.</summary>
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        message.Headers.ExpectContinue = ExpectContinue ? true : null;
        if (Body is not null)
        {
            message.Content = Chunked ? new ChunkedContent(Body) : new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }
}
