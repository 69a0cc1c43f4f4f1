namespace Chaos.Stack.Pipeline.Table;

/// <summary>
/// One entry of the commit log (<c>_log/{version:D20}.json</c>): the files it adds and removes. The table at version N is the
/// replay of entries 0..N.
/// </summary>
public sealed record CommitEntry(
    long Version,
    long ReadVersion,
    DateTimeOffset Timestamp,
    string Operation,
    IReadOnlyList<DataFile> Add,
    IReadOnlyList<string> Remove,
    string? BatchId = null,
    long? RestoredVersion = null)
{
    /// <summary>The operation of the entry that creates the table (version 0).</summary>
    public const string CreateOperation = "create";

    /// <summary>An append of new rows.</summary>
    public const string AppendOperation = "append";

    /// <summary>A restore of an earlier version's files (rollback).</summary>
    public const string RestoreOperation = "restore";
}
