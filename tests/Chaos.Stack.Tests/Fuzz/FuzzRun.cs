using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Fuzz;

/// <summary>
/// Sends generated bad requests to one server, with a good request after every <see cref="GoodEvery"/> bad ones,
/// and collects every broken promise instead of stopping at the first.
/// </summary>
/// <remarks>
/// The rules: no answer is 5xx (503 included: bad input must not make the node unready); a request that is surely
/// invalid gets a 4xx; every 4xx from the infer endpoint carries <c>{"error": "..."}</c> with a message. Answers given
/// before an endpoint runs may have an empty body: 405 from routing for a wrong method, 404 for a path no route matches,
/// and Kestrel's own protocol rejection 414 (request line too long). An oversized body uploaded without 100-continue may
/// end in the server closing the connection mid-upload (<see cref="BadRequest.ServerMayCloseMidUpload"/>), counted as
/// <c>closed-mid-upload</c>; the next request, on a new connection, must still succeed. No request may hang past the
/// client's timeout. Every good request in between gets 200 with probabilities in [0, 1].
/// </remarks>
public sealed partial class FuzzRun(HttpClient client, BadRequestGenerator generator)
{
    /// <summary>Bad requests sent between two good ones.</summary>
    public const int GoodEvery = 10;

    private const string GoodCategory = "GoodRequest";
    private const string ClosedMidUpload = "closed-mid-upload";

    /// <summary>Answers seen, per category.</summary>
    public StatusTally Tally { get; } = new();

    /// <summary>Every broken rule, with the request that broke it.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Sends <paramref name="badRequests"/> bad requests and the good ones in between.</summary>
    public async Task RunAsync(int badRequests, CancellationToken cancellationToken)
    {
        for (var index = 0; index < badRequests; index++)
        {
            await SendBadAsync(index, generator.Next(index), cancellationToken);
            if ((index + 1) % GoodEvery == 0)
            {
                await SendGoodAsync(index, cancellationToken);
            }
        }
    }

    private async Task SendBadAsync(int index, BadRequest request, CancellationToken cancellationToken)
    {
        var label = $"#{index} {request.Category}/{request.Variant} {request.Method} {Shorten(request.Path)}";
        using var message = request.ToMessage();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException) when (request.ServerMayCloseMidUpload)
        {
            Tally.Add(request.Category.ToString(), ClosedMidUpload);
            return;
        }
        catch (Exception exception) when ((exception is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            Tally.Add(request.Category.ToString(), exception.GetType().Name);
            Failures.Add($"{label}: no answer ({exception.GetType().Name}: {exception.Message})");
            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            Tally.Add(request.Category.ToString(), status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (status >= 500)
            {
                Failures.Add($"{label}: {status} {Shorten(body)}");
            }
            else if (request.MustBeRejected && status is < 400 or >= 500)
            {
                Failures.Add($"{label}: {status} for a request that must be rejected");
            }
            else if (status is >= 400 and < 500 && ReachesInferEndpoint(response, request) && !IsErrorBody(body))
            {
                Failures.Add($"{label}: {status} without an {{\"error\"}} body: '{Shorten(body)}'");
            }
        }
    }

    private async Task SendGoodAsync(int index, CancellationToken cancellationToken)
    {
        var body = generator.GoodBody();
        using var response = await client.PostAsync(BadRequestGenerator.InferPath, InferRequests.Json(body), cancellationToken);
        var status = (int)response.StatusCode;
        Tally.Add(GoodCategory, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Failures.Add($"good request after #{index}: {status} {Shorten(text)}");
            return;
        }

        using var document = JsonDocument.Parse(text);
        var probabilities = document.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        if (probabilities.Length == 0 || probabilities.Any(p => p is < 0f or > 1f || float.IsNaN(p)))
        {
            Failures.Add($"good request after #{index}: probabilities outside [0, 1]: {text}");
        }
    }

    /// <summary>True when an endpoint handled the request: a POST whose final path matches the infer route and that Kestrel did not reject first.</summary>
    private static bool ReachesInferEndpoint(HttpResponseMessage response, BadRequest request) =>
        request.Method == HttpMethod.Post
        && response.StatusCode != HttpStatusCode.RequestUriTooLong
        && InferRoute().IsMatch(response.RequestMessage?.RequestUri?.AbsolutePath ?? string.Empty);

    private static bool IsErrorBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(error.GetString());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text)
    {
        var oneLine = new StringBuilder(text.Length > 160 ? text[..160] + "..." : text).Replace('\n', ' ').Replace('\r', ' ');
        return oneLine.ToString();
    }

    [GeneratedRegex("^/v2/models/[^/]+(/versions/[^/]+)?/infer$", RegexOptions.CultureInvariant)]
    private static partial Regex InferRoute();
}
