using System.Net;
using System.Text;
using System.Text.Json;
using Chaos.Engine;
using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.Tests.Engine;

/// <summary>
/// The answer-checking probes: a golden-input canary and the consistency probe break the steady state when the answers are
/// wrong or differ, although every call answers 200. The replicas are faked at the edge (an HTTP handler per port).
/// </summary>
public sealed class SteadyStateProbeTests
{
    private static readonly Uri FrontDoor = new("http://127.0.0.1:9000/");

    [Fact]
    public async Task Canary_AnswersWithinTolerance_Holds()
    {
        var result = await CheckAsync(Canary(expected: 0.25), new Replicas { [9000] = 0.2501 });

        result.Held.ShouldBeTrue(result.Description);
    }

    [Fact]
    public async Task Canary_WrongAnswerWith200_Breaks()
    {
        var result = await CheckAsync(Canary(expected: 0.25), new Replicas { [9000] = 0.75 });

        result.Held.ShouldBeFalse();
        result.Description.ShouldContain("answers [0.75] vs expected [0.25]");
    }

    [Fact]
    public async Task Consistency_ReplicasInTwoRegionsAgree_Holds()
    {
        var result = await CheckAsync(Consistency, new Replicas { [9001] = 0.3, [9002] = 0.3, [9003] = 0.3 },
            Member("inference", "inference-1", 9001), Member("inference", "inference-2", 9002), Member("inference-b", "inference-b-1", 9003));

        result.Held.ShouldBeTrue(result.Description);
        result.Description.ShouldContain("3 replicas (inference-1, inference-2, inference-b-1)");
    }

    [Fact]
    public async Task Consistency_OneRegionAnswersDifferently_BreaksWithTheLargestDifference()
    {
        var result = await CheckAsync(Consistency, new Replicas { [9001] = 0.3, [9003] = 0.31 },
            Member("inference", "inference-1", 9001), Member("inference-b", "inference-b-1", 9003));

        result.Held.ShouldBeFalse();
        result.Observed.ShouldBe("0.01");
    }

    [Fact]
    public async Task Consistency_AKilledReplica_IsNamedAndTheOthersCompared()
    {
        var result = await CheckAsync(Consistency, new Replicas { [9001] = 0.3, [9002] = 0.3 },
            Member("inference", "inference-1", 9001), Member("inference", "inference-2", 9002), Member("inference", "inference-3", 9009));

        result.Held.ShouldBeTrue(result.Description);
        result.Description.ShouldContain("inference-3 not reachable");
    }

    private static ProbeSpec Canary(double expected) => new()
    {
        Kind = KnownProbeKinds.Infer, Path = "/v2/models/credit/infer", Inputs = [[50, 0.3f, 40, 8, 0, 15, 5, 0]], ExpectedOutputs = [expected], Tolerance = 0.01,
    };

    private static ProbeSpec Consistency => new() { Kind = KnownProbeKinds.Consistency, Path = "/v2/models/credit/infer", Model = "credit", Tolerance = 1e-6 };

    private static StackContainer Member(string role, string alias, int port) => new(role, alias, $"chaos-r-{alias}", alias, new Uri($"http://127.0.0.1:{port}/"));

    private static async Task<SteadyStateProbe.Result> CheckAsync(ProbeSpec probe, Replicas replicas, params StackContainer[] members)
    {
        using var client = new HttpClient(replicas);
        return await SteadyStateProbe.CheckAsync(client, FrontDoor, probe, TestContext.Current.CancellationToken, members);
    }

    /// <summary>Fake replicas by port: each answers every row of an OIP v2 request with its one score, with 200; other ports refuse the connection.</summary>
    private sealed class Replicas : HttpMessageHandler
    {
        private readonly Dictionary<int, double> _scores = [];

        public double this[int port]
        {
            set => _scores[port] = value;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!_scores.TryGetValue(request.RequestUri!.Port, out var score))
            {
                throw new HttpRequestException("Connection refused");
            }
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var rows = body.RootElement.GetProperty("inputs")[0].GetProperty("shape")[0].GetInt32();
            var answer = JsonSerializer.Serialize(new { outputs = new[] { new { name = "probability", datatype = "FP64", shape = new[] { rows }, data = Enumerable.Repeat(score, rows) } } });
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }
}
