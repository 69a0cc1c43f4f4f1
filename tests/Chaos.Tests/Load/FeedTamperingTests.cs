using System.Text.Json.Nodes;
using Chaos.Load;
using Chaos.Stack.Ml;

namespace Chaos.Tests.Load;

public sealed class FeedTamperingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static List<JsonObject> Rows(int count) =>
        ((JsonArray)PipelineBatch.Build("b", CreditTask.Generate(count, 7).Select((e, i) => ($"b-{i}", e)), Now)["rows"]!).OfType<JsonObject>().ToList();

    // As the pipeline reads it: through JSON text.
    private static JsonObject Wire(JsonObject row) => JsonNode.Parse(row.ToJsonString())!.AsObject();

    [Fact]
    public void Apply_Off_LeavesEveryRowAlone()
    {
        var tampering = new FeedTampering(1);
        var rows = Rows(20);
        var before = rows.Select(r => r.ToJsonString()).ToList();

        rows.Count(r => tampering.Apply(r, Now)).ShouldBe(0);
        rows.Select(r => r.ToJsonString()).ShouldBe(before);
    }

    [Fact]
    public void Apply_CorruptRows_HitsAboutTheRateWithEveryBadValueKind()
    {
        var tampering = new FeedTampering(1);
        tampering.Set(FeedFault.CorruptRows, 0.2);
        var rows = Rows(2000);

        var hit = rows.Where(r => tampering.Apply(r, Now)).ToList();

        hit.Count.ShouldBeInRange(330, 470, "20% of 2000, within about 4 standard deviations");
        var features = hit.Select(r => (JsonArray)Wire(r)["features"]!).ToList();
        features.ShouldContain(f => f[0]!.GetValueKind() == System.Text.Json.JsonValueKind.String);
        features.ShouldContain(f => f[1] == null);
        features.ShouldContain(f => (double)f[2]! == 4000);
        features.ShouldContain(f => (double)f[5]! < 0);
        features.ShouldContain(f => (double)f[7]! == 3);
    }

    [Fact]
    public void Apply_SameSeed_HitsTheSameRows()
    {
        IEnumerable<string> Hit()
        {
            var tampering = new FeedTampering(5);
            tampering.Set(FeedFault.CorruptRows, 0.1);
            return Rows(300).Where(r => tampering.Apply(r, Now)).Select(r => r.ToJsonString()).ToList();
        }

        Hit().ShouldBe(Hit());
    }

    [Fact]
    public void Apply_SchemaChange_SendsEveryRowByNameWithDebtRatioRenamed()
    {
        var tampering = new FeedTampering(1);
        tampering.Set(FeedFault.SchemaChange);
        var row = Rows(1)[0];
        var debtRatio = (double)((JsonArray)Wire(row)["features"]!)[1]!;

        tampering.Apply(row, Now).ShouldBeTrue();

        var named = (JsonObject)Wire(row)["features"]!;
        named.ContainsKey("debt_ratio").ShouldBeFalse();
        ((double)named["debt_to_income"]!).ShouldBe(debtRatio);
        named.Count.ShouldBe(CreditTask.FeatureCount);
    }

    [Fact]
    public void Apply_Stale_DatesEveryRowTwoDaysBack()
    {
        var tampering = new FeedTampering(1);
        tampering.Set(FeedFault.Stale);
        var row = Rows(1)[0];

        tampering.Apply(row, Now).ShouldBeTrue();

        DateTimeOffset.Parse(row["eventTime"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(Now - FeedTampering.StaleAge);
    }

    [Fact]
    public void ReadTable_CountsOnlyDeliveredBadRowsOnce()
    {
        var tampering = new FeedTampering(1);
        tampering.Deliver(["b-1", "b-2", "b-3"]);

        tampering.Admitted.ShouldBeNull("not read yet");
        tampering.ReadTable(["b-1", "b-1", "b-9", "good-4"]);

        tampering.Delivered.ShouldBe(3);
        tampering.Admitted.ShouldBe(1);
    }
}
