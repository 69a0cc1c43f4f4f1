namespace Chaos.Stack.Pipeline.Table;

/// <summary>Where accepted rows go: the transactional table, or the plain file of the <c>no-transactional-store</c> variant.</summary>
public interface IFeatureStore
{
    /// <summary>Appends rows; returns the version that holds them once they are durable (acknowledged).</summary>
    Task<long> AppendRowsAsync(IReadOnlyList<TableRow> rows, string batchId, CancellationToken cancellationToken);

    /// <summary>The newest readable version (the plain store has one version that changes in place).</summary>
    long LatestVersion();

    /// <summary>Every row of the newest version as a reader sees it now.</summary>
    Task<IReadOnlyList<TableRow>> ReadLatestAsync(CancellationToken cancellationToken);

    /// <summary>Rows of <paramref name="version"/>; a store without time travel reads what is there now, whatever the version.</summary>
    Task<IReadOnlyList<TableRow>> ReadVersionAsync(long? version, CancellationToken cancellationToken);

    /// <summary>The newest version and its row count.</summary>
    Task<StoreState> StateAsync(CancellationToken cancellationToken);

    /// <summary>Where the data lives, for lineage.</summary>
    string Location { get; }
}
