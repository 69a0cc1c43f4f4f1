using System.Net.Http.Headers;
using System.Text;
using Chaos.Observe;
using Chaos.Targets;

namespace Chaos.Faults.GpuLoss;

/// <summary>
/// <c>gpu.loss</c>: an inference node loses its accelerator. The node is told through its admin API (<c>POST
/// /admin/accelerator</c>, the run's token), as a CUDA device error would tell it; it must rebuild the model it serves on the
/// CPU and keep answering. Verified from the node's own metrics: accelerator available 0 and the served model's provider
/// <c>cpu</c>. Reverted by giving the accelerator back (CUDA where a GPU is, the CPU again here) and reading the metrics back.
/// On a machine without a GPU the node runs on the CPU before the loss as well; what the fault then shows is the rebuild
/// and that nothing is lost while it happens.
/// </summary>
public sealed class GpuLossFault : IFault
{
    public const string Name = "gpu.loss";

    private const string Route = "/admin/accelerator";
    private static readonly TimeSpan VerifyWithin = TimeSpan.FromSeconds(10);

    public string Kind => Name;

    public string Description =>
        "The inference node's accelerator is lost (told through its admin API with the run's token, as a device error would): it must rebuild its model on the CPU and keep serving; verified by its metrics (accelerator available 0, model provider cpu); reverted by giving the accelerator back. Target: { role: inference }.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var client = context.Client ?? throw new FaultTargetException($"{Name} needs an HTTP client");
        var nodes = context.ResolveTargetsOf("inference", Name, "acts on an inference node's accelerator");
        var lost = new List<StackContainer>();
        string? refused = null;
        foreach (var node in nodes)
        {
            using var response = await SetAsync(client, node, available: false, context.AdminToken, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                refused = $"{node.Alias} refused the accelerator loss: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
                break;
            }
            lost.Add(node);
        }
        if (lost.Count == 0)
        {
            throw new FaultTargetException(refused!);
        }

        var verified = refused is null && await context.ObserveAsync(async () =>
        {
            foreach (var node in lost)
            {
                if (await StateAsync(client, node, cancellationToken) is not (false, "cpu"))
                {
                    return false;
                }
            }
            return true;
        }, VerifyWithin, cancellationToken);
        return new FaultInjection(Name, lost.Select(n => n.Alias).ToList(), verified,
            verified
                ? $"{string.Join(", ", lost.Select(n => n.Alias))} report the accelerator lost and the model rebuilt on the CPU"
                : refused ?? $"the metrics did not show the accelerator lost and the model on the CPU within {VerifyWithin.TotalSeconds:0} s",
            async token =>
            {
                var back = true;
                foreach (var node in lost)
                {
                    using var response = await SetAsync(client, node, available: true, context.AdminToken, token);
                    back &= response.IsSuccessStatusCode && await StateAsync(client, node, token) is (true, not null);
                }
                return back;
            });
    }

    private static async Task<HttpResponseMessage> SetAsync(HttpClient client, StackContainer node, bool available, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.HostUrl, Route))
        {
            Content = new StringContent($"{{\"available\": {(available ? "true" : "false")}}}", Encoding.UTF8, "application/json"),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token ?? "") },
        };
        return await client.SendAsync(request, cancellationToken);
    }

    // From the node's metrics: whether its accelerator is available, and the provider of the model it serves (null: none).
    private static async Task<(bool? Available, string? Provider)> StateAsync(HttpClient client, StackContainer node, CancellationToken cancellationToken)
    {
        var metrics = PrometheusTextParser.Parse(await client.GetStringAsync(new Uri(node.HostUrl, "/metrics"), cancellationToken));
        var available = metrics.FirstOrDefault(m => m.Name == "chaos_inference_accelerator_available") is { } gauge ? gauge.Value > 0 : (bool?)null;
        var provider = metrics.FirstOrDefault(m => m.Name == "chaos_inference_model_info")?.Label("provider");
        return (available, provider);
    }
}
