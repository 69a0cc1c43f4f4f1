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
