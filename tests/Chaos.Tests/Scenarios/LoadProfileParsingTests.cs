using Chaos.Load.Profiles;
using Chaos.Scenarios;
using static Chaos.Tests.Scenarios.ScenarioParsing;

namespace Chaos.Tests.Scenarios;

public sealed class LoadProfileParsingTests
{
    [Fact]
    public void Parse_NoProfile_IsConstantAtTheRate()
    {
        Valid(MinimalWithLoad("")).Load.Profile.ShouldBe(new ConstantArrivalProfile(100));
    }

    [Fact]
    public void Parse_ConstantProfile_IsConstantAtTheRate()
    {
        Valid(MinimalWithLoad("  profile: { kind: constant }")).Load.Profile.ShouldBe(new ConstantArrivalProfile(100));
    }

    [Fact]
    public void Parse_RampProfile_RampsOverTheDuration()
    {
        Valid(MinimalWithLoad("  profile: { kind: ramp, from: 50/s, to: 200/s }")).Load.Profile
            .ShouldBe(new RampArrivalProfile(50, 200, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Parse_RampWithoutFrom_StartsAtTheRate()
    {
        Valid(MinimalWithLoad("  profile: { kind: ramp, to: 10 }")).Load.Profile.ShouldBe(new RampArrivalProfile(100, 10, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Parse_StepProfile_StartsAtTheRate()
    {
        Valid(ValidScenarios.EveryKey).Load.Profile.ShouldBe(
            new StepArrivalProfile(100, [new(TimeSpan.FromSeconds(10), 200), new(TimeSpan.FromSeconds(20), 50)]));
    }

    [Fact]
    public void Parse_SpikeProfile_UsesTheRateAsBase()
    {
        Valid(MinimalWithLoad("  profile: { kind: spike, rate: 500/s, at: 10s, length: 5s }")).Load.Profile
            .ShouldBe(new SpikeArrivalProfile(100, 500, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData("{ kind: ramp, to: 0 }", 5, 30, "invalid value '0' for load.profile.to")]
    [InlineData("{ kind: ramp, from: 0/s, to: 1 }", 5, 32, "invalid value '0/s' for load.profile.from")]
    [InlineData("{ kind: ramp }", 5, 12, "missing required key 'to' in load.profile")]
    [InlineData("{ kind: wave }", 5, 20, "invalid value 'wave' for load.profile.kind; expected one of: constant, ramp, spike, step")]
    [InlineData("{ kind: constant, to: 5 }", 5, 30, "unknown key 'to' in load.profile; expected one of: kind")]
    [InlineData("{ kind: step, steps: [] }", 5, 33, "load.profile.steps is empty")]
    [InlineData("{ kind: step, steps: [{ at: 30s, rate: 5 }] }", 5, 40, "load.profile.steps[0].at is 30s, after the load ends")]
    [InlineData("{ kind: step, steps: [{ at: 5s, rate: 5 }, { at: 5s, rate: 6 }] }", 5, 61, "load.profile.steps[1].at is 5s, not after the previous step (5s)")]
    [InlineData("{ kind: spike, rate: 5, at: 25s, length: 10s }", 5, 53, "the spike ends at 35s, after the load ends")]
    [InlineData("{ kind: spike, rate: 5, at: 5s, length: 0s }", 5, 52, "invalid value '0s' for load.profile.length")]
    [InlineData("{ kind: spike, rate: 5, at: 5s }", 5, 12, "missing required key 'length' in load.profile")]
    public void Parse_InvalidProfile_ReportsOneLocatedError(string profile, int line, int column, string message)
    {
        var error = SingleError(MinimalWithLoad($"  profile: {profile}"));

        error.Message.ShouldStartWith(message);
        (error.Line, error.Column).ShouldBe((line, column), error.Message);
    }

    [Fact]
    public void Parse_SeveralBadSteps_ReportsEveryOne()
    {
        var result = Parse(MinimalWithLoad("  profile: { kind: step, steps: [{ at: 1s, rate: 0 }, { at: soon, rate: 5 }, { at: 2s, speed: 1 }] }"));

        result.Errors.Count.ShouldBe(4, ScenarioErrorFormatter.Format(result.Errors));
    }
}
