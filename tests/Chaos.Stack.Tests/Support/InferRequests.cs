using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Chaos.Stack.Ml;

namespace Chaos.Stack.Tests.Support;

/// <summary>Builds OIP v2 request bodies from rows of the credit task.</summary>
public static class InferRequests
{
    public static float[] Rows(int count, int seed) => CreditTask.Generate(count, seed).SelectMany(r => r.Features).ToArray();

    public static string Body(float[] features, string datatype = "FP32", string? shape = null, string name = "features") =>
        $$"""{"id":"t-1","inputs":[{"name":"{{name}}","shape":{{shape ?? $"[{features.Length / CreditTask.FeatureCount},{CreditTask.FeatureCount}]"}},"datatype":"{{datatype}}","data":[{{string.Join(",", features.Select(f => f.ToString("R", CultureInfo.InvariantCulture)))}}]}]}""";

    public static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
