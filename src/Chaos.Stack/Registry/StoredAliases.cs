namespace Chaos.Stack.Registry;

/// <summary>The aliases of one model, as kept in its <c>aliases.json</c>: the champion and the champion before it.</summary>
public sealed record StoredAliases(string? Champion, string? Previous)
{
    /// <summary>The alias served to inference nodes.</summary>
    public const string ChampionAlias = "champion";

    /// <summary>The alias a rollback returns to; the registry moves it on promotion.</summary>
    public const string PreviousAlias = "previous";

    /// <summary>No aliases yet.</summary>
    public static StoredAliases None { get; } = new(null, null);

    /// <summary>The version an alias points at; null when unset or unknown.</summary>
    public string? Resolve(string alias) => alias switch
    {
        ChampionAlias => Champion,
        PreviousAlias => Previous,
        _ => null,
    };
}
