using System.Net;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Inference;
using Chaos.Stack.Ml;
using Chaos.Stack.Registry;
using Chaos.Stack.Tests.Support;

namespace Chaos.Stack.Tests.Inference;

public sealed class FeatureRangeValidationTests(TrainedModelsFixture models)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void TrainingRanges_EveryFeature_NamedInColumnOrderAndSpanningTheTrainingRows()
    {
        var ranges = RegistrySeeder.TrainingRanges(models.Entry(ModelKind.Credit));

        ranges.Select(r => r.Name).ShouldBe(CreditTask.FeatureNames);
        ranges.ShouldAllBe(r => r.Min < r.Max);
        ranges[7].Min.ShouldBe(0);
        ranges[7].Max.ShouldBe(1);
    }

    [Fact]
    public void TrainingRanges_RowsDrawnAsTheLoadGeneratorDrawsThem_AllAccepted()
    {
        var ranges = RegistrySeeder.TrainingRanges(models.Entry(ModelKind.Credit));
        var refused = 0;
        for (var seed = 1000; seed < 1200; seed++)
        {
            foreach (var example in CreditTask.Generate(500, seed))
            {
                refused += example.Features.Where((value, i) => !ranges[i].Accepts(value)).Count();
            }
        }

        refused.ShouldBe(0, "the declared ranges refuse rows of the very population the model was trained on");
    }

    [Theory]
    [InlineData(2, 400f, "age")]
    [InlineData(0, -500f, "income")]
    [InlineData(3, -1f, "credit_history_years")]
    [InlineData(7, 3f, "group")]
    public void TryRead_ValueOutsideItsRange_RefusedNamingTheFeature(int column, float value, string feature)
    {
        var ranges = RegistrySeeder.TrainingRanges(models.Entry(ModelKind.Credit));
        var rows = InferRequests.Rows(2, seed: 5);
        rows[CreditTask.FeatureCount + column] = value;
        using var document = JsonDocument.Parse(InferRequests.Body(rows));

        new InferRequestReader(16).TryRead(document.RootElement, ranges, out _, out var error).ShouldBeFalse();

        error.ShouldContain($"row 1, feature '{feature}'");
        error.ShouldContain("outside the declared range");
    }

    [Fact]
    public void TryRead_ValidationOff_OutOfRangeAndInfiniteValuesReachTheModel()
    {
        var ranges = RegistrySeeder.TrainingRanges(models.Entry(ModelKind.Credit));
        var body = """{"inputs":[{"name":"features","shape":[1,8],"datatype":"FP32","data":[55,0.3,4000,10,0,1e39,5,0]}]}""";
        using var document = JsonDocument.Parse(body);

        new InferRequestReader(16, validate: true).TryRead(document.RootElement, ranges, out _, out var refusal).ShouldBeFalse();
        new InferRequestReader(16, validate: false).TryRead(document.RootElement, ranges, out var request, out _).ShouldBeTrue();

        refusal.ShouldNotBeNull();
        request!.Features[2].ShouldBe(4000f);
        float.IsPositiveInfinity(request.Features[5]).ShouldBeTrue();
    }

    [Fact]
    public void TryRead_NoDeclaredRanges_OnlyFinitenessIsChecked()
    {
        using var document = JsonDocument.Parse("""{"inputs":[{"name":"features","shape":[1,8],"datatype":"FP32","data":[55,0.3,4000,10,0,15,5,0]}]}""");

        new InferRequestReader(16).TryRead(document.RootElement, [], out _, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Infer_ModelFromTheRegistry_EnforcesItsTrainingRanges()
    {
        await using var stack = await RegistryStack.StartAsync(models);
        var rows = InferRequests.Rows(1, seed: 9);
        rows[2] = 4000f;

        using var response = await stack.Inference.PostAsync("/v2/models/credit/infer", InferRequests.Json(InferRequests.Body(rows)), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var error = answer.RootElement.GetProperty("error").GetString()!;
        error.ShouldContain("feature 'age') is outside the declared range");
    }
}
