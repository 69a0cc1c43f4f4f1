using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Chaos.Stack.Hosting;

/// <summary>Reads request bodies within the size limit, mapping every failure to a 4xx status and message.</summary>
public static class RequestBody
{
    /// <summary>Reads the whole body as bytes; null with a status and message when too large or broken.</summary>
    public static async Task<(byte[]? Body, int Status, string? Error)> ReadBytesAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            // The unread body is never drained: Kestrel aborts the connection after this answer, so tell the client not to reuse it,
            // or its next request on the pooled connection fails.
            request.HttpContext.Response.Headers.Connection = "close";
            return (null, StatusCodes.Status413PayloadTooLarge, $"request body of {request.ContentLength} bytes exceeds the limit of {maxBytes} bytes");
        }

        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > maxBytes)
            {
                return (null, StatusCodes.Status413PayloadTooLarge, $"request body exceeds the limit of {maxBytes} bytes");
            }

            return (buffer.ToArray(), StatusCodes.Status200OK, null);
        }
        catch (BadHttpRequestException exception)
        {
            var status = exception.StatusCode == StatusCodes.Status413PayloadTooLarge ? exception.StatusCode : StatusCodes.Status400BadRequest;
            return (null, status, $"cannot read the request body: {exception.Message}");
        }
    }

    /// <summary>
    /// Reads the body (within <paramref name="maxBytes"/>) as a <typeparamref name="T"/> in the stack's JSON style; on failure the
    /// error answer to return: 413/400 from reading, 400 "<paramref name="expected"/>: why" for a body that is not such JSON.
    /// A body of JSON <c>null</c> gives neither value nor error: the caller says what it needed.
    /// </summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, long maxBytes, string expected, CancellationToken cancellationToken)
        where T : class
    {
        var (body, status, readError) = await ReadBytesAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, ErrorResults.Error(status, readError!));
        }
        try
        {
            return (JsonSerializer.Deserialize<T>(body, Contracts.StackJson.Options), null);
        }
        catch (JsonException exception)
        {
            return (null, ErrorResults.Error(StatusCodes.Status400BadRequest, $"{expected}: {exception.Message}"));
        }
    }

    /// <summary>Parses bytes as JSON; null with a message when they are not JSON.</summary>
    public static (JsonDocument? Document, string? Error) ParseJson(byte[] body)
    {
        try
        {
            return (JsonDocument.Parse(body), null);
        }
        catch (JsonException exception)
        {
            return (null, $"the request body is not valid JSON: {exception.Message}");
        }
    }
}
