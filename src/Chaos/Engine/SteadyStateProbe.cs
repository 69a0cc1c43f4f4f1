using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Scenarios;

namespace Chaos.Engine;

/// <summary>
/// One steady-state probe against the front door. <c>http</c> checks a status code; <c>infer</c> is a correctness
/// canary: it sends golden inputs and checks the answers within a tolerance, because a stack can answer wrongly with 200.
/// <c>consistency</c> goes past the front door to every inference replica: the same seeded applicants must get the same
/// answers from each (after a failover, the replacement too); the fallback model's disagreement with them is reported.
/// </summary>
internal static class SteadyStateProbe
{
    public sealed record Result(bool Held, string Description, string Observed);

    /// <summary>Applicants the consistency probe sends (seeded: every run asks the same).</summary>
    public const int ConsistencyRows = 64;

    public static async Task<Result> CheckAsync(HttpClient client, Uri frontDoor, ProbeSpec probe, CancellationToken cancellationToken,
        IReadOnlyList<Targets.StackContainer>? members = null, string? fallbackModel = null)
    {
        try
        {
            return probe.Kind switch
            {
                KnownProbeKinds.Infer => await CanaryAsync(client, frontDoor, probe, cancellationToken),
                KnownProbeKinds.Consistency => await ConsistencyAsync(client, members ?? [], fallbackModel, probe, cancellationToken),
                _ => await StatusAsync(client, frontDoor, probe, cancellationToken),
            };
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

    private static async Task<Result> ConsistencyAsync(HttpClient client, IReadOnlyList<Targets.StackContainer> members, string? fallbackModel, ProbeSpec probe, CancellationToken cancellationToken)
    {
        var rows = Stack.Ml.CreditTask.Generate(ConsistencyRows, 20261203).Select(e => e.Features).ToArray();
        var answers = new List<(string Alias, double[] Outputs)>();
        var unreachable = new List<string>();
        // Every inference replica of every region: the same input must get the same answer wherever the front door sends it.
        foreach (var replica in members.Where(m => m.Role is "inference" or "inference-b").OrderBy(m => m.Alias, StringComparer.Ordinal))
        {
            try
            {
                answers.Add((replica.Alias, await InferAsync(client, new Uri(replica.HostUrl, probe.Path), rows, cancellationToken)));
            }
            catch (HttpRequestException)
            {
                // A killed replica stays listed; only the replicas that answer serve traffic.
                unreachable.Add(replica.Alias);
            }
            catch (InvalidDataException exception)
            {
                return new Result(false, $"consistency {probe.Model}: {replica.Alias} did not answer: {exception.Message}", "error");
            }
        }
        if (answers.Count == 0)
        {
            return new Result(false, $"consistency {probe.Model}: no inference replica answered", "no replica");
        }
        var spread = Enumerable.Range(0, rows.Length).Max(i => answers.Max(a => a.Outputs[i]) - answers.Min(a => a.Outputs[i]));
        var fallbackText = "";
        if (fallbackModel is not null && members.FirstOrDefault(m => m.Role == "fallback") is { } fallback)
        {
            try
            {
                var simple = await InferAsync(client, new Uri(fallback.HostUrl, $"/v2/models/{fallbackModel}/infer"), rows, cancellationToken);
                var disagree = simple.Zip(answers[0].Outputs).Count(p => p.First >= 0.5 != p.Second >= 0.5);
                fallbackText = string.Create(CultureInfo.InvariantCulture, $"; the fallback ({fallbackModel}) disagrees on {disagree} of {rows.Length} ({100.0 * disagree / rows.Length:0.#}%)");
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidDataException)
            {
                fallbackText = $"; the fallback did not answer ({exception.Message})";
            }
        }
        var held = spread <= probe.Tolerance;
        var observed = string.Create(CultureInfo.InvariantCulture, $"{spread:G3}");
        return new Result(held,
            string.Create(CultureInfo.InvariantCulture,
                $"consistency {probe.Model}: {rows.Length} applicants to {answers.Count} replicas ({string.Join(", ", answers.Select(a => a.Alias))}), largest difference {spread:G3} (tolerance {probe.Tolerance:G3})")
            + (unreachable.Count > 0 ? $", {string.Join(", ", unreachable)} not reachable" : "") + fallbackText,
            observed);
    }

    // One OIP v2 call with every row; the answers of the first output. A non-2xx answer is an InvalidDataException.
    private static async Task<double[]> InferAsync(HttpClient client, Uri uri, float[][] rows, CancellationToken cancellationToken)
    {
        var request = new
        {
            id = "steady-state-consistency",
            inputs = new[] { new { name = "features", shape = new[] { rows.Length, rows[0].Length }, datatype = "FP32", data = rows.SelectMany(r => r).ToArray() } },
        };
        using var response = await client.PostAsJsonAsync(uri, request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidDataException($"{uri.Host}:{uri.Port} answered {(int)response.StatusCode}: {body}");
        }
        using var document = JsonDocument.Parse(body);
        var outputs = document.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return outputs.Length == rows.Length ? outputs : throw new JsonException($"{outputs.Length} outputs for {rows.Length} rows");
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
