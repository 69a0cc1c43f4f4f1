using System.Text;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Pipeline;

/// <summary>Prometheus metrics of the pipeline: ingest outcomes, table version, drift alarms, retraining and rollbacks.</summary>
public sealed class PipelineMetrics(HttpMetrics http, PipelineRuntime runtime)
{
    /// <summary>The HTTP series shared with the middleware.</summary>
    public HttpMetrics Http => http;

    /// <summary>The whole scrape in Prometheus text format.</summary>
    public async Task<string> RenderAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        http.WriteTo(text);
        var totals = runtime.Ingestor.Totals;
        const string rows = "chaos_pipeline_rows_total";
        text.Append("# HELP ").Append(rows).Append(" Ingested rows by outcome (in = accepted + quarantined + rejected).\n# TYPE ").Append(rows).Append(" counter\n");
        PrometheusText.GaugeSeries(text, rows, totals.RowsIn, ("outcome", "in"));
        PrometheusText.GaugeSeries(text, rows, totals.RowsAccepted, ("outcome", "accepted"));
        PrometheusText.GaugeSeries(text, rows, totals.RowsQuarantined, ("outcome", "quarantined"));
        PrometheusText.GaugeSeries(text, rows, totals.RowsRejected, ("outcome", "rejected"));
        PrometheusText.Counter(text, "chaos_pipeline_batches_rejected_total", "Batches rejected whole by a data-quality threshold.", totals.BatchesRejected);
        var state = await runtime.Store.StateAsync(cancellationToken);
        PrometheusText.Gauge(text, "chaos_pipeline_table_version", "The newest committed table version.", state.Version);
        PrometheusText.Gauge(text, "chaos_pipeline_table_rows", "Rows in the newest table version.", state.Rows);
        PrometheusText.Counter(text, "chaos_pipeline_commit_conflicts_total", "Commits that lost a race for a version (optimistic concurrency).", runtime.Table?.Conflicts ?? 0);
        if (runtime.Monitor?.Status() is { } drift)
        {
            PrometheusText.Counter(text, "chaos_pipeline_drift_rows_total", "Live rows the drift monitor observed.", drift.RowsObserved);
            PrometheusText.Counter(text, "chaos_pipeline_drift_windows_total", "Windowed drift checks run.", drift.WindowsChecked);
            const string alarms = "chaos_pipeline_drift_alarms_total";
            text.Append("# HELP ").Append(alarms).Append(" Drift alarms by detector.\n# TYPE ").Append(alarms).Append(" counter\n");
            PrometheusText.GaugeSeries(text, alarms, drift.WindowAlarms, ("detector", "window"));
            PrometheusText.GaugeSeries(text, alarms, drift.StreamingAlarms, ("detector", "cusum"));
            PrometheusText.Gauge(text, "chaos_pipeline_drift_share", "Share of features drifted in the last window.", drift.LastReport?.DriftShare ?? 0);
        }

        if (runtime.Retraining?.Status() is { } retraining)
        {
            PrometheusText.Counter(text, "chaos_pipeline_retraining_runs_total", "Retraining runs finished.", retraining.Runs);
            PrometheusText.Counter(text, "chaos_pipeline_promotions_total", "Candidates promoted to champion.", retraining.Promotions);
            PrometheusText.Counter(text, "chaos_pipeline_rejections_total", "Candidates kept out by the champion gate.", retraining.Rejections);
            PrometheusText.Counter(text, "chaos_pipeline_rollbacks_total", "Champions rolled back after live quality dropped.", retraining.Rollbacks);
            PrometheusText.Gauge(text, "chaos_pipeline_retraining_running", "1 while a run is in progress.", retraining.Running ? 1 : 0);
            PrometheusText.Gauge(text, "chaos_pipeline_training_stage", "Stages the run in training has finished; -1 when none is training.", retraining.Current?.Stage ?? -1);
            PrometheusText.Gauge(text, "chaos_pipeline_last_trained_version", "Table version of the last training run; -1 before the first.", retraining.LastTrainedVersion);
            PrometheusText.Gauge(text, "chaos_pipeline_live_accuracy", "Accuracy of the last promoted model on labelled live rows; -1 before any.", retraining.LiveAccuracy ?? -1);
        }

        return text.ToString();
    }
}
