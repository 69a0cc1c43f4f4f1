using Chaos.Stack.Registry;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Inference;

/// <summary>
/// Continuous delivery of the model: every interval the replica reads the registry's champion alias, and when it names a
/// version other than the one serving, reloads it through the verified reload (digest checked when the integrity check is on;
/// a refused version keeps the current model serving and is not tried again until the alias moves). A promotion by the
/// pipeline, or its rollback, reaches live traffic this way without anyone calling the replicas.
/// </summary>
public sealed partial class ChampionFollower(
    RegistryClient registry, string modelName, ModelSlot slot, ReloadEndpoints reload, TimeProvider timeProvider, ILogger<ChampionFollower> logger)
{
    private string? refused;

    /// <summary>Checks once: reloads when the alias names another version; returns the version now serving.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        string champion;
        try
        {
            champion = await registry.ResolveAliasAsync(modelName, StoredAliases.ChampionAlias, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or RegistryException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Registry unreachable (a fault, a restart): keep serving what we have and ask again next time.
            return slot.Model?.Entry.Version;
        }

        if (champion == slot.Model?.Entry.Version || champion == refused)
        {
            return slot.Model?.Entry.Version;
        }

        var (swapped, refusal) = await reload.ReloadModelAsync(champion, cancellationToken);
        if (swapped is null)
        {
            refused = champion;
            LogRefused(logger, modelName, champion, refusal!);
        }
        else
        {
            refused = null;
            LogFollowed(logger, modelName, swapped.PreviousVersion ?? "none", swapped.Version);
        }

        return slot.Model?.Entry.Version;
    }

    /// <summary>Checks every <paramref name="interval"/> until stopped.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await CheckAsync(stopping);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Champion of {Model} moved: version {Old} replaced by {New}")]
    private static partial void LogFollowed(ILogger logger, string model, string old, string @new);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Champion of {Model} moved to version {Version}, refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string model, string version, string reason);
}
