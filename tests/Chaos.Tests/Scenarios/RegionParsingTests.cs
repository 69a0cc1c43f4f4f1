using Chaos.Scenarios;

namespace Chaos.Tests.Scenarios;

/// <summary><c>stack.regions</c> and the region of a fault target (region.loss).</summary>
public sealed class RegionParsingTests
{
    private const string KillLines = "    kind: container.kill\n    target: { role: inference, pick: one }";

    [Fact]
    public void Parse_NoRegions_IsRegionAAlone()
    {
        var stack = ScenarioParsing.Valid(ValidScenarios.ReplicaKill).Stack;

        stack.Regions.ShouldBe(["a"]);
        stack.HasStandbyRegion.ShouldBeFalse();
    }

    [Fact]
    public void Parse_RegionsAB_HasTheStandbyRegion()
    {
        var stack = ScenarioParsing.Valid(WithRegions("[a, b]")).Stack;

        stack.Regions.ShouldBe(["a", "b"]);
        stack.HasStandbyRegion.ShouldBeTrue();
    }

    [Theory]
    [InlineData("[b]", "found [b]")]
    [InlineData("[a, a]", "found [a, a]")]
    [InlineData("[]", "found an empty list")]
    [InlineData("[a, c]", "one of: a, b")]
    [InlineData("a", "to be a list")]
    public void Parse_BadRegions_ErrorSaysWhatIsExpected(string regions, string expected)
    {
        var yaml = WithRegions(regions);
        var error = ScenarioParsing.SingleError(yaml);

        error.Message.ShouldContain(expected);
        error.Line.ShouldBe(yaml.Split('\n').ToList().FindIndex(l => l.Contains("regions:", StringComparison.Ordinal)) + 1);
    }

    [Fact]
    public void Parse_RegionLossTarget_ReadsTheRegionWithoutARole()
    {
        var fault = ScenarioParsing.Valid(InTwoRegions("    kind: region.loss\n    target: { region: a }")).Faults.ShouldHaveSingleItem();

        fault.Target.Region.ShouldBe("a");
        fault.Target.Role.ShouldBe("");
    }

    [Fact]
    public void Parse_TargetWithNeitherRoleNorRegion_ErrorNamesBoth() =>
        ScenarioParsing.SingleError(With("    kind: container.kill\n    target: { pick: one }")).Message.ShouldContain("(or region: a|b)");

    [Fact]
    public void Parse_UnknownRegion_ErrorListsTheRegions() =>
        ScenarioParsing.SingleError(With("    kind: region.loss\n    target: { region: c }")).Message.ShouldContain("one of: a, b");

    [Fact]
    public void Parse_RegionLossInOneRegion_ErrorAtTheFaultAsksForTwoRegions()
    {
        var yaml = With("    kind: region.loss\n    target: { region: a }");

        var error = ScenarioParsing.SingleError(yaml);

        error.Message.ShouldContain("expected stack.regions: [a, b]");
        error.Line.ShouldBe(yaml.Split('\n').ToList().FindIndex(l => l.Contains("kind: region.loss", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("    kind: region.loss\n    target: { region: a, role: inference }", "without a role, found role 'inference'")]
    [InlineData("    kind: container.kill\n    target: { region: a }", "expected a role for container.kill")]
    [InlineData("    kind: container.kill\n    target: { role: inference, region: b }", "reached only as a whole")]
    public void Parse_RegionTargetTheFaultCannotTake_ErrorSaysWhy(string faultBody, string expected) =>
        ScenarioParsing.SingleError(InTwoRegions(faultBody)).Message.ShouldContain(expected);

    [Fact]
    public void Parse_RoleWithinRegionA_IsValid() =>
        ScenarioParsing.Valid(InTwoRegions("    kind: container.kill\n    target: { role: inference, region: a }")).Faults.ShouldHaveSingleItem().Target.Region.ShouldBe("a");

    private static string InTwoRegions(string faultBody)
    {
        const string replicas = "  replicas: 2\n";
        return With(faultBody).Replace(replicas, $"{replicas}  regions: [a, b]\n", StringComparison.Ordinal);
    }

    private static string WithRegions(string regions)
    {
        const string replicas = "  replicas: 2\n";
        ValidScenarios.ReplicaKill.ShouldContain(replicas);
        return ValidScenarios.ReplicaKill.Replace(replicas, $"{replicas}  regions: {regions}\n", StringComparison.Ordinal);
    }

    private static string With(string faultBody)
    {
        ValidScenarios.ReplicaKill.ShouldContain(KillLines);
        return ValidScenarios.ReplicaKill.Replace(KillLines, faultBody, StringComparison.Ordinal);
    }
}
