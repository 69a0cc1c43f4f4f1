extern alias stack;

using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using stack::Chaos.Stack.Gateway;
using stack::Chaos.Stack.Hosting;
using stack::Chaos.Stack.Inference;
using stack::Chaos.Stack.Ml;

namespace Chaos.Bench;

/// <summary>
/// The stack's own roles in this process, on loopback: the credit model trained by the project's trainer (the image's
/// seed), one inference node serving it, a gateway over that node configured as the full stack's, and the same model
/// opened in process through the node's own session factory (the baseline). CPU provider (no GPU here).
/// </summary>
public sealed class InProcessStack : IAsyncDisposable
{
    private readonly string _directory;

    private InProcessStack(string directory, ScoringModel model, StackServer node, StackServer gateway, float[] features)
    {
        _directory = directory;
        Model = model;
        Node = node;
        Gateway = gateway;
        Features = features;
        Body = Encoding.UTF8.GetBytes(
            $$"""{"id":"bench","inputs":[{"name":"features","shape":[1,{{CreditTask.FeatureCount}}],"datatype":"FP32","data":[{{string.Join(",", features.Select(f => f.ToString("R", CultureInfo.InvariantCulture)))}}]}]}""");
    }

    public ScoringModel Model { get; }
    public StackServer Node { get; }
    public StackServer Gateway { get; }

    /// <summary>One applicant of the credit task: the input of every call.</summary>
    public float[] Features { get; }

    /// <summary>The same applicant as an Open Inference Protocol v2 request body.</summary>
    public byte[] Body { get; }

    public Uri NodeInfer => new(Node.BaseAddress, "/v2/models/credit/infer");
    public Uri GatewayInfer => new(Gateway.BaseAddress, "/v2/models/credit/infer");

    public static async Task<InProcessStack> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("chaos-bench-").FullName;
        Console.Error.WriteLine("  training the models (the image's seed)...");
        var manifest = await new CreditTrainer(NullLogger<CreditTrainer>.Instance, TimeProvider.System)
            .TrainAsync(new TrainOptions(directory), cancellationToken);
        var entry = manifest.Models.Single(m => m.Name == ModelKind.Credit);
        var (session, provider) = new SessionFactory(NullLogger<SessionFactory>.Instance, disableCuda: true)
            .Create(await File.ReadAllBytesAsync(Path.Combine(directory, entry.File), cancellationToken));
        var model = new ScoringModel(entry, session, provider);

        var node = await InferenceNode.CreateAsync(
            new InferenceOptions(directory, ModelKind.Credit, ListenAddress.LoopbackAnyPort, "bench-replica", DisableCuda: true),
            TimeProvider.System, cancellationToken);
        await node.StartAsync(cancellationToken);
        // As the full stack runs it (DockerStack): 3 retries, a breaker per replica, 500 ms per attempt, hedging, fallback to
        // the cache of recent answers (no simplified-model replica here; it is asked only when every attempt failed).
        var gateway = GatewayNode.Create(
            new GatewayOptions([node.BaseAddress], ModelKind.Credit, ListenAddress.LoopbackAnyPort, GatewayOptions.DefaultRetries,
                CircuitBreaker: true, TimeSpan.FromMilliseconds(500), Seed: 1)
            {
                Hedging = true,
                Fallback = true,
            },
            TimeProvider.System);
        await gateway.StartAsync(cancellationToken);
        var features = CreditTask.Generate(1, seed: 7)[0].Features;
        return new InProcessStack(directory, model, node, gateway, features);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Node.DisposeAsync();
        Model.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
