using System.Net;
using System.Text.Json;
using Chaos.Load;

namespace Chaos.Tests.Load;

/// <summary>request.corrupt on the load side: malformed requests at the rate, answered 4xx, counted apart from the good ones.</summary>
public sealed class RequestCorruptionTests
{
    private static readonly Uri FrontDoor = new("http://127.0.0.1:9/");

    [Fact]
    public void Next_RateZero_NeverCorrupts()
    {
        var corruption = new RequestCorruption(seed: 1);

        Enumerable.Range(0, 1000).Count(_ => corruption.Next()).ShouldBe(0);
    }

    [Fact]
    public void Next_Rate_CorruptsAboutThatShare()
    {
        var corruption = new RequestCorruption(seed: 1) { Rate = 0.3 };

        Enumerable.Range(0, 10_000).Count(_ => corruption.Next()).ShouldBeInRange(2800, 3200);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void CorruptBody_EveryKind_FailsTheStacksInputContract(long sequence) =>
        IsValidInfer(CreditRequestFactory.CorruptBody(sequence)).ShouldBeFalse();

    [Fact]
    public void CorruptBody_TheValueKinds_AreWellFormed()
    {
        // Kinds 4 and 5 pass every structural check: only a value check (declared ranges) can refuse them.
        foreach (var sequence in new long[] { 4, 5 })
        {
            using var document = JsonDocument.Parse(CreditRequestFactory.CorruptBody(sequence));
            var data = document.RootElement.GetProperty("inputs")[0].GetProperty("data");
            data.GetArrayLength().ShouldBe(8);
            data.EnumerateArray().ShouldAllBe(v => v.ValueKind == JsonValueKind.Number && float.IsFinite(v.GetSingle()));
        }
    }

    [Fact]
    public async Task Generator_CorruptRequestsRejected_CountedApartFromTheGoodOnes()
    {
        var corruption = new RequestCorruption(seed: 3) { Rate = 0.25 };
        var factory = new CreditRequestFactory(FrontDoor, "credit", seed: 5, corruption);
        var generator = new OpenModelLoadGenerator(new HttpClient(new ValidatingHandler()), factory, TimeProvider.System);
        // Room for all 100 and a 60 s timeout: a busy machine cannot turn an instant answer into a drop or a timeout.
        var plan = new LoadPlan(100, TimeSpan.Zero, TimeSpan.FromSeconds(1), 1000, TimeSpan.FromSeconds(60));

        var result = await generator.RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        corruption.Sent.ShouldBeGreaterThan(0);
        corruption.Rejected.ShouldBe(corruption.Sent);
        result.Count(Outcome.Rejected).ShouldBe(corruption.Rejected);
        result.Count(Outcome.ClientError).ShouldBe(0);
        // The good requests alone make the availability: every one of them succeeded.
        result.Intended.ShouldBe(100 - corruption.Rejected);
        result.Successful.ShouldBe(result.Intended);
    }

    private static bool IsValidInfer(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var input = document.RootElement.GetProperty("inputs")[0];
            return input.GetProperty("name").GetString() == "features"
                && input.GetProperty("data").GetArrayLength() == 8
                && input.GetProperty("data").EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number)
                // Values an applicant can have: age 18-120, income (thousands) below 10,000.
                && input.GetProperty("data")[2].GetDouble() is >= 18 and <= 120
                && input.GetProperty("data")[0].GetDouble() is >= 0 and < 10_000;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    // The process edge: answers 400 to a body that breaks the input contract, 200 otherwise.
    private sealed class ValidatingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(IsValidInfer(body) ? HttpStatusCode.OK : HttpStatusCode.BadRequest);
        }
    }
}
