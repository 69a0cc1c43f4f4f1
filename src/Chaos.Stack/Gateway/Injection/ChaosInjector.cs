using System.Net;
using System.Text;
using System.Text.Json;
using Chaos.Stack.Contracts;
using Chaos.Stack.Hosting;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;

namespace Chaos.Stack.Gateway.Injection;

/// <summary>
/// Adds Polly's chaos strategies (latency, then fault, then outcome) to a replica's attempt pipeline.
/// They read <see cref="ChaosSettings"/> on every attempt and draw from one seeded random source.
/// </summary>
public sealed class ChaosInjector(ChaosSettings settings, int seed)
{
    /// <summary>The label of injected latency in the metric.</summary>
    public const string Latency = "latency";

    /// <summary>The label of injected faults in the metric.</summary>
    public const string Fault = "fault";

    /// <summary>The label of injected outcomes in the metric.</summary>
    public const string Outcome = "outcome";

    private readonly Random random = new(seed);
    private readonly Lock randomLock = new();
    private readonly LabelledCounter injections = new("chaos_gateway_chaos_injections_total", "Chaos strategy injections, by kind.", "kind");

    /// <summary>The settings the strategies follow.</summary>
    public ChaosSettings Settings => settings;

    /// <summary>Injections of this kind so far.</summary>
    public long Injections(string kind) => injections.Value(kind);

    /// <summary>Appends the injection counter in Prometheus text format.</summary>
    public void WriteTo(StringBuilder text) => injections.WriteTo(text);

    /// <summary>Adds the three chaos strategies, innermost last, to <paramref name="builder"/>.</summary>
    public void AddTo(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        builder.AddChaosLatency(new ChaosLatencyStrategyOptions
        {
            EnabledGenerator = _ => ValueTask.FromResult(settings.LatencyRate > 0),
            InjectionRateGenerator = _ => ValueTask.FromResult(settings.LatencyRate),
            // Counted when chosen, not in OnLatencyInjected: Polly calls that only after the whole delay, so a
            // delay cut short by the attempt timeout would never be counted.
            LatencyGenerator = _ => CountThen(Latency, settings.LatencyDelay),
            Randomizer = NextDouble,
        });
        builder.AddChaosFault(new ChaosFaultStrategyOptions
        {
            EnabledGenerator = _ => ValueTask.FromResult(settings.FaultRate > 0),
            InjectionRateGenerator = _ => ValueTask.FromResult(settings.FaultRate),
            FaultGenerator = _ => ValueTask.FromResult<Exception?>(new InjectedFaultException()),
            Randomizer = NextDouble,
            OnFaultInjected = _ => Count(Fault),
        });
        builder.AddChaosOutcome(new ChaosOutcomeStrategyOptions<HttpResponseMessage>
        {
            EnabledGenerator = _ => ValueTask.FromResult(settings.OutcomeRate > 0),
            InjectionRateGenerator = _ => ValueTask.FromResult(settings.OutcomeRate),
            OutcomeGenerator = _ => ValueTask.FromResult<Outcome<HttpResponseMessage>?>(Polly.Outcome.FromResult(InjectedResponse(settings.OutcomeStatus))),
            Randomizer = NextDouble,
            OnOutcomeInjected = _ => Count(Outcome),
        });
    }

    private static HttpResponseMessage InjectedResponse(int status) => new((HttpStatusCode)status)
    {
        Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse($"chaos outcome {status} injected by the gateway"), StackJson.Options))
        {
            Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
        },
    };

    private ValueTask<TimeSpan> CountThen(string kind, TimeSpan latency)
    {
        injections.Increment(kind);
        return ValueTask.FromResult(latency);
    }

    private ValueTask Count(string kind)
    {
        injections.Increment(kind);
        return ValueTask.CompletedTask;
    }

    private double NextDouble()
    {
        lock (randomLock)
        {
            return random.NextDouble();
        }
    }
}
