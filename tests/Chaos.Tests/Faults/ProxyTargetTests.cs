using Chaos.Faults;
using Chaos.Faults.DependencySlow;
using Chaos.Faults.NetworkLatency;
using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.Tests.Faults;

/// <summary>Which proxy a proxy fault acts through, and the errors when the target or the proxy is wrong (no engine is reached).</summary>
public sealed class ProxyTargetTests
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    [Fact]
    public async Task DependencySlow_OnAReplica_AsksForTheRegistry()
    {
        var error = await InjectAsync(new DependencySlowFault(), "inference", [Member("inference", "inference-1")]);

        error.Message.ShouldContain("its target must be { role: registry }");
    }

    [Fact]
    public async Task DependencySlow_WithoutTheDependencyProxy_SaysTheStackHasNone()
    {
        var error = await InjectAsync(new DependencySlowFault(), "registry", [Member("registry", "registry")]);

        error.Message.ShouldContain("no fault proxy proxy-registry in front of registry: the stack was started without the dependency proxy");
    }

    [Fact]
    public async Task NetworkLatency_OnTheRegistry_AsksForAReplica()
    {
        var error = await InjectAsync(new NetworkLatencyFault(), "registry", [Member("registry", "registry"), Member("proxy", "proxy-registry")]);

        error.Message.ShouldContain("its target must be { role: inference }");
    }

    private static StackContainer Member(string role, string alias) => new(role, alias, $"chaos-run-{alias}", $"id-{alias}", Nowhere);

    private static async Task<FaultTargetException> InjectAsync(IFault fault, string role, IReadOnlyList<StackContainer> members)
    {
        using var engine = new DockerEngine();
        using var client = new HttpClient();
        var target = new TargetSelector { Role = role };
        var context = new FaultContext(engine, members, target, new Random(1), TimeProvider.System)
        {
            Spec = new FaultSpec { At = TimeSpan.Zero, Kind = fault.Kind, Target = target, Delay = TimeSpan.FromMilliseconds(100) },
            Client = client,
        };
        return await Should.ThrowAsync<FaultTargetException>(() => fault.InjectAsync(context, TestContext.Current.CancellationToken));
    }
}
