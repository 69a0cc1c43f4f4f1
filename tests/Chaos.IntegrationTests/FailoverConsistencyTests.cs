using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Faults;
using Chaos.Load;
using Chaos.Scenarios;
using Chaos.Targets;

namespace Chaos.IntegrationTests;

/// <summary>Both regions behind the front door (region b the warm standby).</summary>
public sealed class TwoRegionStackFixture() : StackFixture(StackVariant.Full)
{
    protected override StackOptions Configure(StackOptions options) => options with { StandbyRegion = true };
}

/// <summary>
/// Consistency across a failover (Responsible AI): the same applicants asked through the front door get the same answers
/// from region a, from region b while region a is lost, and from region a again after it is back, within 1e-6.
/// </summary>
[Trait("Category", "Containers")]
public sealed class FailoverConsistencyTests(TwoRegionStackFixture fixture) : IClassFixture<TwoRegionStackFixture>
{
    private const double Tolerance = 1e-6;
    private static readonly TimeSpan ServedWithin = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SameApplicants_BeforeDuringAndAfterRegionLoss_SameAnswers()
    {
        var rows = Stack.Ml.CreditTask.Generate(64, 20261204).Select(e => e.Features).ToArray();
        var before = await AskAsync(rows, "a");
        var spec = new FaultSpec { At = TimeSpan.Zero, Kind = "region.loss", Target = new TargetSelector { Role = "", Region = "a" }, Duration = TimeSpan.FromMinutes(2) };
        var context = fixture.FaultContext(spec, seed: 4);

        var injection = await FaultCatalog.Create(spec.Kind).InjectAsync(context, Token);
        double[] during;
        try
        {
            injection.Verified.ShouldBeTrue(injection.Observation);
            during = await AskAsync(rows, "b");
        }
        finally
        {
            (await injection.RevertAsync(Token)).ShouldBeTrue();
        }
        var after = await AskAsync(rows, "a");

        Spread(before, during).ShouldBeLessThanOrEqualTo(Tolerance, "region b answered the same applicants differently during the failover");
        Spread(before, after).ShouldBeLessThanOrEqualTo(Tolerance, "region a answered differently after it came back");
    }

    private static double Spread(double[] first, double[] second) => first.Zip(second, (x, y) => Math.Abs(x - y)).Max();

    /// <summary>All rows in one OIP v2 call through the front door, once it is <paramref name="region"/> that answers.</summary>
    private async Task<double[]> AskAsync(float[][] rows, string region)
    {
        var request = new
        {
            inputs = new[] { new { name = "features", shape = new[] { rows.Length, rows[0].Length }, datatype = "FP32", data = rows.SelectMany(r => r).ToArray() } },
        };
        var context = new FaultContext(fixture.Engine, fixture.Stack.Members, new TargetSelector { Role = "frontdoor" }, new Random(4), TimeProvider.System);
        double[]? answers = null;
        var served = await context.ObserveAsync(async () =>
        {
            try
            {
                using var response = await fixture.Client.PostAsJsonAsync(new Uri(fixture.Stack.FrontDoor, "/v2/models/credit/infer"), request, Token);
                if (!response.IsSuccessStatusCode || RegionAnswerLog.RegionOf(response) != region)
                {
                    return false;
                }
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
                answers = document.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                return answers.Length == rows.Length;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ServedWithin, Token);
        served.ShouldBeTrue($"the front door did not answer from region {region} within {ServedWithin.TotalSeconds:0} s");
        return answers!;
    }
}
