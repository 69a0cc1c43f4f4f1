using Chaos.Engine;
using Chaos.Targets;

namespace Chaos.IntegrationTests;

/// <summary>One reference stack of a given variant, shared by the tests of a class, removed at the end.</summary>
public abstract class StackFixture : IAsyncLifetime
{
    private readonly StackVariant _variant;
    private readonly bool _faultProxies;
    private DockerEngine? _engine;

    protected StackFixture(StackVariant variant, bool faultProxies = false)
    {
        _variant = variant;
        _faultProxies = faultProxies;
    }

    public DockerStack Stack { get; private set; } = null!;

    public DockerEngine Engine => _engine!;

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async ValueTask InitializeAsync()
    {
        var image = await ContainerPreconditions.RequireAsync(CancellationToken.None);
        _engine = new DockerEngine();
        Stack = await DockerStack.StartAsync(_engine, Configure(new StackOptions(image, RunIds.New(TimeProvider.System), _variant) { FaultProxies = _faultProxies }), CancellationToken.None);
    }

    /// <summary>Adjusts the stack's options before it starts (a shorter cooldown, ...).</summary>
    protected virtual StackOptions Configure(StackOptions options) => options;

    public StackContainer Member(string alias) => Stack.Members.Single(m => m.Alias == alias);

    /// <summary>
    /// A fault context over this stack, as a run gives one: the members (but <paramref name="leaveOut"/>, to steer a pick),
    /// a seeded choice, the test's client, the admin token and the run's network.
    /// </summary>
    public Faults.FaultContext FaultContext(Scenarios.FaultSpec spec, int seed = 5, string? leaveOut = null) =>
        new(Engine, Stack.Members.Where(m => m.Alias != leaveOut).ToList(), spec.Target, new Random(seed), TimeProvider.System)
        {
            Spec = spec, Client = Client, AdminToken = Stack.AdminToken, Network = Stack.NetworkName,
        };

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            var runId = Stack?.RunId;
            if (Stack is not null)
            {
                (await Stack.TeardownAsync()).ShouldBeEmpty();
            }
            _engine.Dispose();
            if (runId is not null)
            {
                await ReplicaKillTests.ShouldLeaveNothingBehindAsync(runId);
            }
        }
        Client.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class FullStackFixture() : StackFixture(StackVariant.Full);

/// <summary>
/// The full stack with a fault proxy in front of each replica and one between the registry and its readers, for the
/// network.*, resource.*, gpu.loss and dependency.slow fault tests.
/// </summary>
public sealed class FaultProxyStackFixture() : StackFixture(StackVariant.Full, faultProxies: true)
{
    protected override StackOptions Configure(StackOptions options) => options with { DependencyProxies = true };
}

public sealed class NoSelfHealingStackFixture() : StackFixture(StackVariant.NoSelfHealing);
