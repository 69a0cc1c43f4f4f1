using System.Net;
using Chaos.Observe;
using Chaos.Reporting;
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

    [Fact]
    public async Task RunAsync_NewDriftWindow_JournalsTheWorstFeaturesPsiAndTheDriftShare()
    {
        var scrapes = 0;
        const string drift = """
            {"last_report": {"features": [
              {"feature": "income", "statistics": {"ks_p_value": 0.0001, "psi": 0.9}, "ks_alpha": 0.00625, "psi_threshold": 0.08},
              {"feature": "age", "statistics": {"ks_p_value": 0.5, "psi": 0.05}, "ks_alpha": 0.00625, "psi_threshold": 0.07}]}}
            """;
        var handler = new MetricsHandler(() => Metrics(alarms: 0, quarantined: 0, runs: 0, promotions: 0)
            + $"chaos_pipeline_drift_windows_total {Interlocked.Increment(ref scrapes) / 2}\n", drift);
        using var client = new HttpClient(handler);
        StackContainer[] members = [new("pipeline", "pipeline", "chaos-run-pipeline", "id", new Uri("http://127.0.0.1:9/"))];
        var checks = new List<IReadOnlyDictionary<string, object?>>();

        await new StackObserver(client, TimeProvider.System).RunAsync(() => members, (type, _, data) =>
        {
            if (type == DataModelEvents.DriftChecked)
            {
                checks.Add(data);
            }
        }, maxTicks: 2, TestContext.Current.CancellationToken);

        checks.Count.ShouldBe(2, "one window (the counter rose once): its PSI and its share");
        checks[0]["statistic"].ShouldBe("psi");
        checks[0]["feature"].ShouldBe("income");
        checks[0]["value"].ShouldBe(0.9);
        checks[0]["threshold"].ShouldBe(0.08);
        checks[1]["statistic"].ShouldBe("share");
        checks[1]["value"].ShouldBe(0.5);
        checks[1]["threshold"].ShouldBe(0.5);
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

    private sealed class MetricsHandler(Func<string> metrics, string drift = "{}") : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(request.RequestUri!.AbsolutePath switch
            {
                "/metrics" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(metrics()) },
                "/drift" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(drift) },
                _ => new HttpResponseMessage(HttpStatusCode.OK),
            });
    }
}
