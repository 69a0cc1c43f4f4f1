namespace Chaos.Stack.Pipeline.Table;

/// <summary>Points inside a commit where a crash test can stop the writer.</summary>
public enum CommitStage
{
    /// <summary>Part of the data file's bytes are on disk.</summary>
    DataFilePartlyWritten,

    /// <summary>The data file is whole and synced; no log entry yet.</summary>
    DataFileWritten,

    /// <summary>The log entry is written to a temporary name, not yet published.</summary>
    LogEntryStaged,
}
