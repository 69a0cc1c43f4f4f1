using System.Net;
using Chaos.Observe;
using Chaos.Slo;
using Chaos.Targets;

namespace Chaos.Tests.Observe;

public sealed class StackObserverPipelineTests
{
    [Fact]
    public async Task RunAsync_PipelineCountersRise_ReportsDriftAlarmQuarantineAndTheRetrainingDecision()
    {
        var scrapes = 0;
        var handler = new MetricsHandler(() => Interlocked.Increment(ref scrapes) == 1
            ? Metrics(alarms: 0, quarantined: 0, runs: 0, promotions: 0)
            : Metrics(alarms: 2, quarantined: 5, runs: 1, promotions: 1));
        using var client = new HttpClient(handler);
        StackContainer[] members = [new("pipeline", "pipeline", "chaos-run-pipeline", "id", new Uri("http://127.0.0.1:9/"))];
        var reported = new List<IReadOnlyDictionary<string, object?>>();

        await new StackObserver(client, TimeProvider.System).RunAsync(() => members, (type, _, data) =>
        {
            if (type == StackObserver.SignalEvent)
            {
                reported.Add(data);
            }
        }, maxTicks: 3, TestContext.Current.CancellationToken);

        reported.Select(d => (string)d["kind"]!).ShouldBe([StackSignalKinds.DriftAlarm, StackSignalKinds.Quarantine, StackSignalKinds.Retrained]);
        reported[0]["alarms"].ShouldBe(2.0);
        reported[2]["promoted"].ShouldBe(1.0);
        reported.ShouldAllBe(d => (string)d["source"]! == "pipeline");
    }

    [Fact]
    public async Task RunAsync_AlarmEverySecond_OnlyTheFirstOfTheBurstIsPrinted()
    {
        var scrapes = 0;
        var handler = new MetricsHandler(() => Metrics(alarms: Interlocked.Increment(ref scrapes), quarantined: 0, runs: 0, promotions: 0));
        using var client = new HttpClient(handler);
        StackContainer[] members = [new("pipeline", "pipeline", "chaos-run-pipeline", "id", new Uri("http://127.0.0.1:9/"))];
        var repeats = new List<bool>();

        await new StackObserver(client, TimeProvider.System).RunAsync(() => members,
            (_, _, data) => repeats.Add(data.TryGetValue(StackObserver.RepeatKey, out var r) && r is true), maxTicks: 3, TestContext.Current.CancellationToken);

        repeats.ShouldBe([false, true, true]);
    }

    private static string Metrics(int alarms, int quarantined, int runs, int promotions) =>
        $"""
        # TYPE chaos_pipeline_drift_alarms_total counter
        chaos_pipeline_drift_alarms_total{"{"}detector="window"{"}"} {alarms}
        chaos_pipeline_drift_alarms_total{"{"}detector="cusum"{"}"} 0
        chaos_pipeline_rows_total{"{"}outcome="accepted"{"}"} 100
        chaos_pipeline_rows_total{"{"}outcome="quarantined"{"}"} {quarantined}
        chaos_pipeline_drift_share 0.25
        chaos_pipeline_retraining_runs_total {runs}
        chaos_pipeline_promotions_total {promotions}
        chaos_pipeline_rejections_total 0
        chaos_pipeline_rollbacks_total 0
        chaos_pipeline_last_trained_version 7

        """;

    private sealed class MetricsHandler(Func<string> metrics) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(request.RequestUri!.AbsolutePath == "/metrics"
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(metrics()) }
                : new HttpResponseMessage(HttpStatusCode.OK));
    }
}
