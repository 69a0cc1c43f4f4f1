using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Scenarios;

namespace Chaos.Engine;

/// <summary>
/// One steady-state probe against the front door. <c>http</c> checks a status code; <c>infer</c> is a correctness
/// canary: it sends golden inputs and checks the answers within a tolerance, because a stack can answer wrongly with 200.
/// </summary>
internal static class SteadyStateProbe
{
    public sealed record Result(bool Held, string Description, string Observed);

    public static async Task<Result> CheckAsync(HttpClient client, Uri frontDoor, ProbeSpec probe, CancellationToken cancellationToken)
    {
        try
        {
            return probe.Kind == KnownProbeKinds.Infer
                ? await CanaryAsync(client, frontDoor, probe, cancellationToken)
                : await StatusAsync(client, frontDoor, probe, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or (TaskCanceledException and not OperationCanceledException { CancellationToken.IsCancellationRequested: true }))
        {
            return new Result(false, $"{probe.Kind} {probe.Path} -> {exception.Message}", exception.Message);
        }
    }

    private static async Task<Result> StatusAsync(HttpClient client, Uri frontDoor, ProbeSpec probe, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(frontDoor, probe.Path), cancellationToken);
        var status = (int)response.StatusCode;
        return new Result(status == probe.Expect, $"GET {probe.Path} -> {status} (expected {probe.Expect})", status.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<Result> CanaryAsync(HttpClient client, Uri frontDoor, ProbeSpec probe, CancellationToken cancellationToken)
    {
        var rows = probe.Inputs ?? [];
        var expected = probe.ExpectedOutputs ?? [];
        var request = new
        {
            id = "steady-state-canary",
            inputs = new[]
            {
                new { name = "features", shape = new[] { rows.Length, rows.Length == 0 ? 0 : rows[0].Length }, datatype = "FP32", data = rows.SelectMany(r => r).ToArray() },
            },
        };
        using var response = await client.PostAsJsonAsync(new Uri(frontDoor, probe.Path), request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new Result(false, $"canary {probe.Path} -> {(int)response.StatusCode}", body);
        }
        using var document = JsonDocument.Parse(body);
        var outputs = document.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var worst = outputs.Length == expected.Length ? outputs.Zip(expected, (o, e) => Math.Abs(o - e)).DefaultIfEmpty(0).Max() : double.PositiveInfinity;
        var held = worst <= probe.Tolerance;
        var observed = string.Join(", ", outputs.Select(o => o.ToString("0.####", CultureInfo.InvariantCulture)));
        return new Result(held,
            $"canary {probe.Path}: answers [{observed}] vs expected [{string.Join(", ", expected.Select(e => e.ToString("0.####", CultureInfo.InvariantCulture)))}] (tolerance {probe.Tolerance})",
            observed);
    }
}
