using System.Net;
using System.Text.Json.Nodes;
using Chaos.Faults;
using Chaos.Faults.DataDrift;
using Chaos.Load;
using Chaos.Scenarios;
using Chaos.Stack.Ml;
using Chaos.Targets;

namespace Chaos.Tests.Load;

public sealed class DriftSwitchTests
{
    private static readonly Uri FrontDoor = new("http://127.0.0.1:9/");

    [Fact]
    public void Set_AppliesFromTheNextRequestOn_AndEarlierOnesKeepTheirPopulation()
    {
        var drift = new DriftSwitch();
        drift.Take(0).IsNone.ShouldBeTrue();
        drift.Take(1).IsNone.ShouldBeTrue();

        var shifted = new CreditDrift(CovariateShift: 1);
        drift.Set(shifted);
        drift.Take(2).ShouldBe(shifted);
        drift.Set(CreditDrift.None);
        drift.Take(3).IsNone.ShouldBeTrue();

        drift.PopulationOf(1).IsNone.ShouldBeTrue();
        drift.PopulationOf(2).ShouldBe(shifted);
        drift.PopulationOf(3).IsNone.ShouldBeTrue();
        drift.DriftedSent.ShouldBe(1);
    }

    [Fact]
    public void Factory_AfterADriftOfOneSd_SendsApplicantsWithAHigherDebtRatioAndTheTruthFollows()
    {
        var drift = new DriftSwitch();
        var mirrored = new List<long>();
        var factory = new CreditRequestFactory(FrontDoor, "credit", 11, drift: drift, sent: mirrored.Add);
        var before = Enumerable.Range(0, 500).Select(i => DebtRatio(factory.Create(i))).Average();
        drift.Set(new CreditDrift(CovariateShift: 1));
        var after = Enumerable.Range(500, 500).Select(i => DebtRatio(factory.Create(i))).Average();

        // debt_ratio moves by 0.15 (its standard deviation) before clamping; the mean must move by most of that.
        (after - before).ShouldBeGreaterThan(0.1);
        mirrored.Count.ShouldBe(1000);
        // The ground truth the harness scores against is drawn from the population the request was sent from.
        CreditRequestFactory.Example(11, 700, drift.PopulationOf(700)).Features[1].ShouldBe((float)DebtRatio(factory.Create(700)), 1e-6f);
    }

    [Fact]
    public async Task DataDriftFault_InjectVerifyRevert_SwitchesThePopulationOfTheLoad()
    {
        var drift = new DriftSwitch();
        var factory = new CreditRequestFactory(FrontDoor, "credit", 3, drift: drift);
        using var engine = new DockerEngine();
        var context = new FaultContext(engine, [new StackContainer("gateway", "gateway", "chaos-run-gateway", "idg", FrontDoor)],
            new TargetSelector { Role = "gateway" }, new Random(1), TimeProvider.System)
        {
            Spec = new FaultSpec { At = TimeSpan.Zero, Kind = DataDriftFault.Name, Target = new TargetSelector { Role = "gateway" }, Shift = 0.5 },
            Drift = drift,
        };
        using var sending = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var i = 0; !sending.IsCancellationRequested && i < 10_000; i++)
            {
                factory.Create(i).Dispose();
                await Task.Delay(5, CancellationToken.None);
            }
        }, TestContext.Current.CancellationToken);

        var injection = await new DataDriftFault().InjectAsync(context, TestContext.Current.CancellationToken);
        injection.Verified.ShouldBeTrue(injection.Observation);
        drift.Current.CovariateShift.ShouldBe(0.5);
        (await injection.RevertAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
        drift.Current.IsNone.ShouldBeTrue();
        await sending.CancelAsync();
        await load;
    }

    [Fact]
    public async Task DataDriftFault_GradualConcept_GrowsInTenStepsOverTheRampAndTheRevertEndsIt()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var drift = new DriftSwitch();
        var factory = new CreditRequestFactory(FrontDoor, "credit", 3, drift: drift);
        var context = DriftContext(drift, time, new FaultSpec
        {
            At = TimeSpan.Zero, Kind = DataDriftFault.Name, Target = new TargetSelector { Role = "gateway" }, Shift = 1, Mode = "concept", Ramp = TimeSpan.FromSeconds(10),
        });

        var injecting = new DataDriftFault().InjectAsync(context, TestContext.Current.CancellationToken);
        drift.Current.ConceptDrift.ShouldBe(0.1, 1e-9);
        drift.Current.CovariateShift.ShouldBe(0);
        factory.Create(0).Dispose();
        time.Advance(TimeSpan.FromMilliseconds(50));
        var injection = await injecting;
        injection.Verified.ShouldBeTrue(injection.Observation);
        injection.Observation.ShouldContain("over 10 s");

        time.Advance(TimeSpan.FromSeconds(1));
        await UntilAsync(() => Math.Abs(drift.Current.ConceptDrift - 0.2) < 1e-9);
        for (var step = 3; step <= DataDriftFault.RampSteps; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var expected = step / 10.0;
            await UntilAsync(() => Math.Abs(drift.Current.ConceptDrift - expected) < 1e-9);
        }
        (await injection.RevertAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
        drift.Current.IsNone.ShouldBeTrue();
    }

    [Fact]
    public async Task DataDriftFault_RevertedMidRamp_StaysReverted()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var drift = new DriftSwitch();
        var factory = new CreditRequestFactory(FrontDoor, "credit", 3, drift: drift);
        var context = DriftContext(drift, time, new FaultSpec
        {
            At = TimeSpan.Zero, Kind = DataDriftFault.Name, Target = new TargetSelector { Role = "gateway" }, Shift = 1, Mode = "label", Ramp = TimeSpan.FromSeconds(10),
        });
        var injecting = new DataDriftFault().InjectAsync(context, TestContext.Current.CancellationToken);
        drift.Current.LabelShiftOdds.ShouldBe(1.1, 1e-9);
        factory.Create(0).Dispose();
        time.Advance(TimeSpan.FromMilliseconds(50));
        var injection = await injecting;

        (await injection.RevertAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(20));

        drift.Current.IsNone.ShouldBeTrue();
    }

    [Theory]
    [InlineData("covariate", 0.5, 0, 1)]
    [InlineData("concept", 0, 0.5, 1)]
    [InlineData("label", 0, 0, 1.5)]
    public void Population_EachModeChangesItsOwnKnob(string mode, double covariate, double concept, double labelOdds)
    {
        var population = DataDriftFault.Population(mode, shift: 0.5, strength: 1);

        (population.CovariateShift, population.ConceptDrift, population.LabelShiftOdds).ShouldBe((covariate, concept, labelOdds));
    }

    private static FaultContext DriftContext(DriftSwitch drift, TimeProvider time, FaultSpec spec) =>
        new(new DockerEngine(), [new StackContainer("gateway", "gateway", "chaos-run-gateway", "idg", FrontDoor)], spec.Target, new Random(1), time)
        {
            Spec = spec,
            Drift = drift,
        };

    // The ramp steps on the fake clock, but its continuation runs on the thread pool: wait (bounded) for the state.
    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
        condition().ShouldBeTrue();
    }

    [Fact]
    public async Task DataDriftFault_OnAnInferenceTarget_IsRefused()
    {
        using var engine = new DockerEngine();
        var context = new FaultContext(engine, [new StackContainer("inference", "inference-1", "c", "id", FrontDoor)],
            new TargetSelector { Role = "inference" }, new Random(1), TimeProvider.System)
        {
            Spec = new FaultSpec { At = TimeSpan.Zero, Kind = DataDriftFault.Name, Target = new TargetSelector { Role = "inference" }, Shift = 1 },
            Drift = new DriftSwitch(),
        };

        var error = await Should.ThrowAsync<FaultTargetException>(() => new DataDriftFault().InjectAsync(context, TestContext.Current.CancellationToken));
        error.Message.ShouldContain("role: gateway");
    }

    [Fact]
    public async Task PipelineFeed_SendsTheMirroredApplicantsAsInputsAndAsALabelledBatch()
    {
        var handler = new RecordingHandler();
        using var client = new HttpClient(handler);
        var drift = new DriftSwitch();
        var feed = new PipelineFeed(client, () => new Uri("http://127.0.0.1:9/"), "run1", 5, drift, TimeProvider.System);
        foreach (var sequence in new long[] { 4, 5, 6 })
        {
            feed.Sent(sequence);
        }
        var reports = new List<string>();

        await feed.RunAsync(maxTicks: 0, (message, _) => reports.Add(message), TestContext.Current.CancellationToken);

        handler.Bodies.Keys.ShouldBe(["/batches", "/drift/observe"], ignoreOrder: true);
        var inputs = handler.Bodies["/drift/observe"]["inputs"]!.AsArray();
        inputs.Count.ShouldBe(3);
        inputs[0]!.AsArray().Count.ShouldBe(8);
        var rows = handler.Bodies["/batches"]["rows"]!.AsArray();
        rows.Select(r => (string)r!["id"]!).ShouldBe(["run1-4", "run1-5", "run1-6"]);
        ((bool)rows[1]!["label"]!).ShouldBe(CreditRequestFactory.Example(5, 5).Label);
        reports.ShouldHaveSingleItem().ShouldContain("3 committed");
    }

    private static double DebtRatio(HttpRequestMessage request)
    {
        using (request)
        {
            var body = JsonNode.Parse(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult())!;
            return (double)body["inputs"]![0]!["data"]![1]!;
        }
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public Dictionary<string, JsonNode> Bodies { get; } = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
            Bodies[request.RequestUri!.AbsolutePath] = body;
            var rows = body["rows"]?.AsArray().Count ?? 0;
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"rows_in\":{rows},\"rows_accepted\":{rows},\"rows_quarantined\":0,\"rows_rejected\":0,\"version\":1}}"),
            };
        }
    }
}
