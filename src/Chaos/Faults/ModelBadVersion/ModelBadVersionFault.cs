using Chaos.Faults.ModelCorruptArtifact;

namespace Chaos.Faults.ModelBadVersion;

/// <summary>
/// <c>model.bad-version</c>: a worse model is registered properly and promoted, as a bad deployment would be. Its artifact is
/// the champion's with the tree weights negated (answers turned over), registered with its own correct SHA-256 and the
/// champion's claimed metrics, so every integrity check passes; the champion alias is moved to it and the replicas follow.
/// Only watching live quality against ground truth can tell. Verified when the registry's champion is the bad version;
/// reverted by rolling the alias back if it still points there.
/// </summary>
public sealed class ModelBadVersionFault : IFault
{
    public const string Name = "model.bad-version";
    private const string Model = "credit";

    public string Kind => Name;

    public string Description =>
        "Registers a worse model (the champion's trees with their weights negated; a correct digest, the champion's claimed metrics) and promotes it to champion, as a bad deployment; verified when the registry's champion is the bad version; reverted by rolling the alias back if it still points there. Target: { role: registry }.";

    public async Task<FaultInjection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var client = context.Client ?? throw new FaultTargetException($"{Name} needs an HTTP client");
        var registry = context.ResolveTargetsOf("registry", Name, "registers and promotes a model in the registry")[0];
        var champion = await RegistryApi.ChampionAsync(client, registry.HostUrl, Model, cancellationToken)
            ?? throw new FaultTargetException($"the registry names no champion of {Model}");
        var (metadata, original) = await RegistryApi.VersionAsync(client, registry.HostUrl, Model, champion, cancellationToken);
        var (worse, negated) = OnnxTamper.NegateTreeWeights(original)
            ?? throw new FaultTargetException($"the champion {Model} v{champion} has no tree weights to turn over");

        var bad = await RegistryApi.RegisterAsync(client, registry.HostUrl, Model, worse, metadata,
            $"{Name}: v{champion} with {negated} tree weights negated", context.AdminToken, cancellationToken);
        await RegistryApi.PromoteAsync(client, registry.HostUrl, Model, bad, context.AdminToken, cancellationToken);

        var verified = await RegistryApi.ChampionAsync(client, registry.HostUrl, Model, cancellationToken) == bad;
        return new FaultInjection(Name, [registry.Alias], verified,
            verified
                ? $"{Model} v{bad} ({negated} tree weights of v{champion} negated, digest correct, v{champion}'s metrics claimed) is the champion"
                : $"{Model} v{bad} was registered but the champion is not it",
            async revertCancellation =>
            {
                if (await RegistryApi.ChampionAsync(client, registry.HostUrl, Model, revertCancellation) == bad)
                {
                    await RegistryApi.RollbackAsync(client, registry.HostUrl, Model, context.AdminToken, revertCancellation);
                }
                return await RegistryApi.ChampionAsync(client, registry.HostUrl, Model, revertCancellation) != bad;
            });
    }
}
