using System.Text.Json;

namespace Chaos.Engine;

/// <summary>Reads what the stack says about itself (OIP v2 model metadata), for the report's environment.</summary>
internal static class StackMetadata
{
    /// <summary>The execution provider a replica reports (<c>cpu</c> or <c>cuda</c>), or <c>unknown</c>.</summary>
    public static async Task<string> ProviderAsync(HttpClient client, Uri replica, string model, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await client.GetStreamAsync(new Uri(replica, $"/v2/models/{model}"), cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return document.RootElement.TryGetProperty("parameters", out var parameters)
                && parameters.TryGetProperty("execution_provider", out var provider)
                && provider.GetString() is { } name
                ? name
                : "unknown";
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException)
        {
            return "unknown";
        }
    }
}
