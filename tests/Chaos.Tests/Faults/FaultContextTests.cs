using Chaos.Faults;
using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.Tests.Faults;

public sealed class FaultContextTests
{
    private static readonly IReadOnlyList<StackContainer> Members =
    [
        .. Enumerable.Range(1, 4).Select(i => new StackContainer("inference", $"inference-{i}", $"chaos-run-inference-{i}", $"id{i}", new Uri("http://127.0.0.1:1/"))),
        new StackContainer("gateway", "gateway", "chaos-run-gateway", "idg", new Uri("http://127.0.0.1:2/")),
    ];

    private static IReadOnlyList<StackContainer> Resolve(string role, string pick, int seed = 1)
    {
        using var engine = new DockerEngine();
        return new FaultContext(engine, Members, new TargetSelector { Role = role, Pick = pick }, new Random(seed), TimeProvider.System).ResolveTargets();
    }

    [Theory]
    [InlineData("one", 1)]
    [InlineData("all", 4)]
    [InlineData("50%", 2)]
    [InlineData("60%", 3)]
    [InlineData("1%", 1)]
    [InlineData("100%", 4)]
    public void ResolveTargets_Pick_ChoosesThatMany(string pick, int expected)
    {
        var targets = Resolve("inference", pick);

        targets.Count.ShouldBe(expected);
        targets.ShouldAllBe(t => t.Role == "inference");
        targets.Select(t => t.Alias).ShouldBeUnique();
    }

    [Fact]
    public void ResolveTargets_SameSeed_SamePick() =>
        Resolve("inference", "50%", seed: 7).ShouldBe(Resolve("inference", "50%", seed: 7));

    [Fact]
    public void ResolveTargets_RoleWithoutContainers_IsAnError() =>
        Should.Throw<FaultTargetException>(() => Resolve("controller", "all")).Message.ShouldContain("matches no container");

    [Fact]
    public void ResolveTargets_RegionAlone_PicksFromEveryRoleOfThatRegionOnly()
    {
        IReadOnlyList<StackContainer> members =
        [
            .. Members,
            new StackContainer("inference-b", "inference-b-1", "chaos-run-inference-b-1", "idb", new Uri("http://127.0.0.1:3/")) { Region = "b" },
        ];
        using var engine = new DockerEngine();

        var targets = new FaultContext(engine, members, new TargetSelector { Role = "", Region = "a", Pick = "all" }, new Random(1), TimeProvider.System).ResolveTargets();

        targets.Select(t => t.Alias).ShouldBe(["gateway", "inference-1", "inference-2", "inference-3", "inference-4"]);
    }

    [Fact]
    public void ResolveTargets_RoleInARegionWithoutIt_ErrorNamesRoleAndRegion()
    {
        using var engine = new DockerEngine();
        var context = new FaultContext(engine, Members, new TargetSelector { Role = "inference", Region = "b" }, new Random(1), TimeProvider.System);

        Should.Throw<FaultTargetException>(() => context.ResolveTargets()).Message.ShouldContain("role: inference, region: b, pick: one");
    }
}
