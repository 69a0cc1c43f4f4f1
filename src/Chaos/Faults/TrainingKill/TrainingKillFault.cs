using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chaos.Slo;

namespace Chaos.Faults.TrainingKill;

/// <summary>
/// <c>training.kill</c>: the pipeline's training job dies mid-run. The fault starts a retraining run through the pipeline's
/// admin API with its chaos hook armed (<c>crashAfterStage</c>, a seeded stage from 2 to 6 of 8): right after that stage's
/// checkpoint the process exits at once (status 137, as a SIGKILL; training here takes a fraction of a second, so a kill
/// from outside could not land mid-run reliably). The fault then starts the container again, as a supervisor would, and
/// waits for the pipeline to resume the interrupted run. Recorded: the stage reached and the stage the resumed run started
/// from (the <c>trainingRework</c> SLO). Verified when the container died with status 137 and answered ready again.
/// </summary>
public sealed class TrainingKillFault : IFault
{
    public const string Name = "training.kill";
    private const long KilledStatus = 137;
    private static readonly TimeSpan RunWithin = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ResumeWithin = TimeSpan.FromSeconds(60);

    public string Kind => Name;

    public string Description =>
        "Starts a retraining run in the pipeline with its crash hook armed: the process exits at once (137, as SIGKILL) after a seeded stage from 2 to 6 of 8; the container is started again and the resumed run is awaited; verified by the exit status and the pipeline ready again; records the stage reached and the stage the resumed run started from (trainingRework). Target: { role: pipeline }.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var client = context.Client ?? throw new FaultTargetException($"{Name} needs an HTTP client");
        var resumes = context.TrainingResumes ?? throw new FaultTargetException($"{Name} needs the run's training ledger");
        var pipeline = context.ResolveTargetsOf("pipeline", Name, "kills the pipeline's training job")[0];
        using (var status = await client.GetAsync(new Uri(pipeline.HostUrl, "/retraining"), cancellationToken))
        {
            if (status.StatusCode == HttpStatusCode.NotFound)
            {
                throw new FaultTargetException($"{Name}: the pipeline's retraining is switched off; there is no training job to kill");
            }
        }

        var stage = context.Random.Next(2, 7);
        var answered = await StartArmedRunAsync(client, pipeline.HostUrl, context.AdminToken, stage, cancellationToken);
        if (answered is { } refusal)
        {
            throw new FaultTargetException($"{Name}: the pipeline did not start a run that could crash: {refusal}");
        }

        var start = context.Time.GetTimestamp();
        var died = await context.ObserveTargetsAsync([pipeline], s => s is { Running: false, ExitCode: KilledStatus }, StopWithin, cancellationToken);
        await context.Engine.StartAsync(pipeline.Id, cancellationToken);
        var address = await ContainerReady.AddressWhenReadyAsync(context, client, pipeline, ReadyWithin, cancellationToken);
        var backAfter = context.Time.GetElapsedTime(start);
        int? resumedFrom = null;
        if (address is not null)
        {
            await context.ObserveAsync(async () => (resumedFrom = await ResumedFromAsync(client, address, cancellationToken)) is not null, ResumeWithin, cancellationToken);
        }
        if (died)
        {
            resumes.Enqueue(new TrainingResume(stage, resumedFrom));
        }

        var verified = died && address is not null;
        return new FaultInjection(Name, [pipeline.Alias], verified,
            (died ? $"the training run died after stage {stage} (exit {KilledStatus})" : $"the pipeline did not exit with {KilledStatus} within {StopWithin.TotalSeconds:0} s of the armed run")
            + (address is null ? $"; NOT ready again within {ReadyWithin.TotalSeconds:0} s" : $"; ready again {backAfter.TotalSeconds:0.0} s after the crash")
            + (resumedFrom is { } from ? $"; the resumed run started from stage {from}" : "; the run was not resumed"),
            async revertCancellation => await ContainerReady.StartAndWaitAsync(context, client, pipeline, ReadyWithin, revertCancellation) is not null);
    }

    // The run answers only if it did not crash: a cut connection is the expected outcome, any answer is a refusal or a miss.
    private static async Task<string?> StartArmedRunAsync(HttpClient client, Uri pipeline, string? token, int stage, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(pipeline, "/retraining/run"))
        {
            Content = new StringContent($"{{\"crashAfterStage\": {stage}}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RunWithin);
        try
        {
            using var answer = await client.SendAsync(request, timeout.Token);
            var body = await answer.Content.ReadAsStringAsync(timeout.Token);
            return answer.IsSuccessStatusCode
                ? $"the run finished without crashing ({(int)answer.StatusCode})"
                : $"{(int)answer.StatusCode} {(JsonNode.Parse(body) as JsonObject)?["error"]?.ToString() ?? body}";
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (JsonException exception)
        {
            return exception.Message;
        }
    }

    // The last finished run, if it is the resumed one: its starting stage.
    private static async Task<int?> ResumedFromAsync(HttpClient client, Uri pipeline, CancellationToken cancellationToken)
    {
        try
        {
            var status = JsonNode.Parse(await client.GetStringAsync(new Uri(pipeline, "/retraining"), cancellationToken));
            return status?["last_run"] is JsonObject run && run["trigger"]?.ToString().Contains("resumed after a crash", StringComparison.Ordinal) == true
                ? (int?)run["resumed_from_stage"]
                : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException)
        {
            return null;
        }
    }
}
