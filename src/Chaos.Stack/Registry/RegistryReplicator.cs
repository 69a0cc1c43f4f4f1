using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Registry;

/// <summary>
/// Asynchronous geo-replication of the model registry, pulled by the standby region's registry: every interval it lists the
/// primary's models and versions, copies each version it lacks (bytes checked against the digest the primary recorded), then
/// sets the aliases as the primary has them. Versions first, aliases last, so a champion here always names a version held
/// here. The lag is the age of the primary state this copy is known to hold: the start of the last complete pass.
/// </summary>
public sealed partial class RegistryReplicator(RegistryClient primary, ModelStore store, TimeProvider timeProvider, ILogger<RegistryReplicator> logger)
{
    private long copied;
    private long failures;
    private long lastInSyncTicks = -1;

    /// <summary>The registry this one copies.</summary>
    public Uri Primary => primary.BaseAddress;

    /// <summary>True once one pass copied everything the primary held when it started.</summary>
    public bool HasSynced => Interlocked.Read(ref lastInSyncTicks) >= 0;

    /// <summary>Versions copied since start.</summary>
    public long Copied => Interlocked.Read(ref copied);

    /// <summary>Passes that failed (primary unreachable, a copy refused).</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Seconds since the start of the last complete pass; null before the first.</summary>
    public double? LagSeconds
    {
        get
        {
            var ticks = Interlocked.Read(ref lastInSyncTicks);
            return ticks < 0 ? null : (timeProvider.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero)).TotalSeconds;
        }
    }

    /// <summary>
    /// One pass; true when the copy held everything the primary held at its start. A version whose copy is refused (its bytes do
    /// not match the primary's digest: a corrupt artifact there) is skipped and tried again next pass, so it does not hold up
    /// the versions after it; the aliases are copied only when every version they name is held here.
    /// </summary>
    public async Task<bool> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var startedAt = timeProvider.GetUtcNow();
        var complete = true;
        try
        {
            foreach (var model in await primary.ListModelsAsync(cancellationToken))
            {
                foreach (var version in await primary.ListVersionsAsync(model, cancellationToken))
                {
                    if (store.Find(model, version.Version) is not null)
                    {
                        continue;
                    }

                    try
                    {
                        var bytes = await primary.DownloadArtifactAsync(model, version.Version, cancellationToken);
                        if (await store.ImportAsync(version, bytes, cancellationToken))
                        {
                            Interlocked.Increment(ref copied);
                            LogCopied(logger, model, version.Version, version.Sha256);
                        }
                    }
                    catch (RegistryException exception)
                    {
                        complete = false;
                        Interlocked.Increment(ref failures);
                        LogVersionRefused(logger, model, version.Version, exception.Message);
                    }
                }

                var aliases = await primary.GetAliasesAsync(model, cancellationToken);
                if (aliases != store.Aliases(model))
                {
                    if (new[] { aliases.Champion, aliases.Previous }.OfType<string>().All(v => store.Find(model, v) is not null))
                    {
                        await store.ReplaceAliasesAsync(model, aliases, cancellationToken);
                    }
                    else
                    {
                        complete = false;
                    }
                }
            }

            if (complete)
            {
                Interlocked.Exchange(ref lastInSyncTicks, startedAt.UtcTicks);
            }

            return complete;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                                          && exception is HttpRequestException or RegistryException or TaskCanceledException or IOException or System.Text.Json.JsonException)
        {
            Interlocked.Increment(ref failures);
            LogFailed(logger, primary.BaseAddress, exception.Message);
            return false;
        }
    }

    /// <summary>Copies now and then every <paramref name="interval"/> until stopped; no failure of one pass ends the loop.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await SyncOnceAsync(stopping);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Not one of the failures a pass expects (a disk refusing writes, a bug): counted and logged, and the
                    // replica keeps trying rather than going silently stale.
                    Interlocked.Increment(ref failures);
                    LogFailed(logger, primary.BaseAddress, exception.ToString());
                }
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replication of {Model} version {Version} refused: {Reason}; skipped, tried again next interval")]
    private static partial void LogVersionRefused(ILogger logger, string model, string version, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replicated {Model} version {Version} (sha256 {Sha256})")]
    private static partial void LogCopied(ILogger logger, string model, string version, string sha256);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replication from {Primary} failed: {Reason}; retrying next interval")]
    private static partial void LogFailed(ILogger logger, Uri primary, string reason);
}
