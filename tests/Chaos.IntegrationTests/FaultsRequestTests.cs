using Chaos.Faults;
using Chaos.Load;
using Chaos.Scenarios;

namespace Chaos.IntegrationTests;

/// <summary>request.corrupt against the real front door: malformed requests refused with 4xx, counted apart, and none after the revert.</summary>
[Trait("Category", "Containers")]
[Collection(FaultStackCollection.Name)]
public sealed class FaultsRequestTests(FaultProxyStackFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequestCorrupt_StackRejectsTheMalformedRequests_ThenOnlyGoodOnesGo()
    {
        var corruption = new RequestCorruption(seed: 9);
        var generator = new OpenModelLoadGenerator(fixture.Client, new CreditRequestFactory(fixture.Stack.FrontDoor, "credit", 9, corruption), TimeProvider.System);
        var plan = new LoadPlan(20, TimeSpan.Zero, TimeSpan.FromSeconds(6), 64, TimeSpan.FromSeconds(5));
        var load = generator.RunAsync(plan, cancellationToken: Token);
        var spec = new FaultSpec { At = TimeSpan.Zero, Kind = "request.corrupt", Target = new TargetSelector { Role = "gateway" }, Rate = 0.5 };
        var context = new FaultContext(fixture.Engine, fixture.Stack.Members, spec.Target, new Random(1), TimeProvider.System) { Spec = spec, Corruption = corruption };

        var injection = await FaultCatalog.Create("request.corrupt").InjectAsync(context, Token);
        injection.Verified.ShouldBeTrue(injection.Observation);
        (await injection.RevertAsync(Token)).ShouldBeTrue();
        var sentAtRevert = corruption.Sent;
        var result = await load;

        corruption.Rejected.ShouldBeGreaterThan(0);
        corruption.Accepted.ShouldBe(0, "the stack's validation let a corrupt request through");
        result.Count(Outcome.Rejected).ShouldBe(corruption.Rejected);
        result.Count(Outcome.ClientError).ShouldBe(0);
        // Requests still in flight at the revert may finish after it; no new corrupt request is made.
        (corruption.Sent - sentAtRevert).ShouldBeLessThanOrEqualTo(plan.MaxInFlight);
        (corruption.Rate).ShouldBe(0);
    }
}
