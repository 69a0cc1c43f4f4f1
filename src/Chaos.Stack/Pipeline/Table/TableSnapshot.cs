namespace Chaos.Stack.Pipeline.Table;

/// <summary>The table as of one committed version: the data files that make it up.</summary>
public sealed record TableSnapshot(long Version, DateTimeOffset Timestamp, IReadOnlyList<DataFile> Files)
{
    /// <summary>Rows in the version.</summary>
    public long RowCount => Files.Sum(f => (long)f.Rows);
}
